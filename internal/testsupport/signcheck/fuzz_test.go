package signcheck_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/go-pusher/channels/internal/testsupport/signcheck"
	"github.com/go-pusher/channels/signing"
)

// Credentials of FuzzVerify; the secret is distinctive so a leak
// into an error message is found by a substring search.
const (
	fuzzKey    = "fuzz-key"
	fuzzSecret = "fuzz-s3cr3t-Hh5"
)

// fuzzReasons are the sentinels a *signcheck.Error may carry.
var fuzzReasons = []error{
	signcheck.ErrMalformedQuery, signcheck.ErrMissingAuthParam, signcheck.ErrBadAuthVersion, signcheck.ErrUnknownKey,
	signcheck.ErrSignatureMismatch, signcheck.ErrBodyMD5Mismatch, signcheck.ErrTimestampExpired,
}

// FuzzVerify checks two things for arbitrary input.
//
// Any query: Verify never panics, fails only with a *signcheck.Error
// whose Reason is one of the sentinels and whose message quotes neither the
// secret nor the auth_signature given, and accepts a query only if an
// independent HMAC over its string to sign equals its auth_signature.
//
// A query AppendQuery signed, with one parameter key=value of any bytes:
// Verify accepts it, and refuses it once the body, method or path
// changes (so signing and verifying escape and order alike).
func FuzzVerify(f *testing.F) {
	signer := signing.NewSigner(fuzzKey, fuzzSecret)
	const ts = int64(1_700_000_000)
	signed := string(signer.AppendQuery(nil, "POST", "/apps/3/events", nil, []byte(`{"name":"e"}`), ts))
	f.Add("POST", "/apps/3/events", signed, []byte(`{"name":"e"}`), "info", "user_count", ts)
	f.Add("GET", "/apps/3/channels", string(signer.AppendQuery(nil, "GET", "/apps/3/channels",
		[]signing.Param{{Key: "filter_by_prefix", Value: "presence-"}}, nil, ts)), []byte(nil), "filter_by_prefix", "presence-", ts)
	f.Add("GET", "/apps/3/channels", "auth_key="+fuzzKey+"&auth_timestamp=1&auth_version=1.0&auth_signature=00", []byte(nil), "FILTER", "a b+c&d=e", int64(0))
	f.Add("GET", "/apps/3/channels", "auth_key=x&auth_key=y", []byte(nil), "k", "", int64(-1))
	f.Add("GET", "/", "a=%zz;b", []byte("x"), "", "\x00\xff", ts)
	f.Add("GET", "/apps/3/channels/#server-to-user-1", signed+"&auth_version=2.0", []byte(nil), "Ünïcödé", "é", ts)
	f.Add("POST", "/apps/3/events", strings.Replace(signed, "body_md5=", "BODY_MD5=", 1), []byte(`{"name":"e"}`), "auth_\u212aey", "v", ts)

	secrets := func(key string) (string, bool) { return fuzzSecret, key == fuzzKey }
	verify := func(method, path, q string, body []byte, now time.Time, skew time.Duration) error {
		return signcheck.Verifier{Secret: secrets, Now: func() time.Time { return now }, MaxSkew: skew}.Verify(method, path, q, body)
	}
	now := time.Unix(ts, 0)
	f.Fuzz(func(t *testing.T, method, path, rawQuery string, body []byte, key, value string, unix int64) {
		// Any query.
		err := verify(method, path, rawQuery, body, now, 10*time.Minute)
		if err != nil {
			checkRequestError(t, err, rawQuery)
		} else if !independentlySigned(method, path, rawQuery) {
			t.Fatalf("accepted %s %s?%s, whose signature does not match", method, path, rawQuery)
		}

		// A query AppendQuery signed.
		switch strings.ToLower(key) {
		case "auth_key", "auth_timestamp", "auth_version", "auth_signature", "body_md5":
			return // AppendQuery's callers must not pass these
		}
		q := string(signer.AppendQuery(nil, method, path, []signing.Param{{Key: key, Value: value}}, body, unix))
		at := time.Unix(unix, 0)
		if err := verify(method, path, q, body, at, time.Minute); err != nil {
			t.Fatalf("AppendQuery(%q, %q, %q=%q) = %q does not verify: %v", method, path, key, value, q, err)
		}
		if verify(method, path, q, append(body[:len(body):len(body)], 'x'), at, time.Minute) == nil {
			t.Fatalf("%q verifies with another body", q)
		}
		if verify(method+"X", path, q, body, at, time.Minute) == nil {
			t.Fatalf("%q verifies with another method", q)
		}
		if verify(method, path+"/", q, body, at, time.Minute) == nil {
			t.Fatalf("%q verifies with another path", q)
		}
	})
}

// checkRequestError fails t unless err is a *signcheck.Error with a sentinel
// reason that quotes neither the secret nor the given signature.
func checkRequestError(t *testing.T, err error, rawQuery string) {
	t.Helper()
	var re *signcheck.Error
	if !errors.As(err, &re) {
		t.Fatalf("error %v (%T), want a *signcheck.Error", err, err)
	}
	matched := false
	for _, r := range fuzzReasons {
		matched = matched || errors.Is(err, r)
	}
	if !matched {
		t.Fatalf("error %v matches no sentinel", err)
	}
	msg := err.Error()
	if strings.Contains(msg, fuzzSecret) || strings.Contains(re.StringToSign, fuzzSecret) {
		t.Fatalf("error quotes the secret: %q / %q", msg, re.StringToSign)
	}
	if v, perr := url.ParseQuery(rawQuery); perr == nil {
		if sig := v.Get("auth_signature"); len(sig) >= 8 && strings.Contains(msg, sig) {
			t.Fatalf("error quotes the signature: %q", msg)
		}
	}
}

// independentlySigned recomputes, without the signing package, whether
// rawQuery's auth_signature is hex HMAC-SHA256 of the string to sign.
func independentlySigned(method, path, rawQuery string) bool {
	values, err := url.ParseQuery(rawQuery)
	if err != nil {
		return false
	}
	type kv struct{ k, v string }
	var pairs []kv
	var sig string
	for k, vs := range values {
		lk := strings.ToLower(k)
		for _, v := range vs {
			if lk == "auth_signature" {
				sig = v
				continue
			}
			pairs = append(pairs, kv{lk, v})
		}
	}
	// Stable by key; ties (keys equal once lowercased) keep sorted order of
	// their original spelling and value, which is as good as any for a
	// check of an accepted signature.
	for i := 1; i < len(pairs); i++ {
		for j := i; j > 0 && (pairs[j].k < pairs[j-1].k || pairs[j].k == pairs[j-1].k && pairs[j].v < pairs[j-1].v); j-- {
			pairs[j], pairs[j-1] = pairs[j-1], pairs[j]
		}
	}
	var b strings.Builder
	b.WriteString(method + "\n" + path + "\n")
	for i, p := range pairs {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(p.k + "=" + p.v)
	}
	m := hmac.New(sha256.New, []byte(fuzzSecret))
	m.Write([]byte(b.String()))
	want := m.Sum(nil)
	got, err := hex.DecodeString(sig)
	return err == nil && hmac.Equal(got, want)
}
