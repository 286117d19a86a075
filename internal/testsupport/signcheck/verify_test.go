package signcheck_test

import (
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/go-pusher/channels/internal/testsupport/signcheck"
	"github.com/go-pusher/channels/signing"
)

const (
	testKey    = "app-key"
	testSecret = "app-secret-0123456789"
)

var testNow = time.Unix(1_700_000_000, 0)

func secretFor(key string) (string, bool) {
	switch key {
	case testKey:
		return testSecret, true
	case "rotated-key":
		return "rotated-secret", true
	}
	return "", false
}

func TestVerify_Failures(t *testing.T) {
	s := signing.NewSigner(testKey, testSecret)
	body := []byte(`{"name":"e","channel":"c","data":"x"}`)
	good := string(s.AppendQuery(nil, "POST", "/apps/1/events", []signing.Param{{Key: "info", Value: "a,b"}}, body, testNow.Unix()))
	noBody := string(s.AppendQuery(nil, "POST", "/apps/1/events", nil, nil, testNow.Unix()))
	drop := func(q, name string) string {
		v, _ := url.ParseQuery(q)
		v.Del(name)
		return v.Encode()
	}
	set := func(q, name, val string) string {
		v, _ := url.ParseQuery(q)
		v.Set(name, val)
		return v.Encode()
	}

	tests := []struct {
		name      string
		method    string
		path      string
		query     string
		body      []byte
		now       time.Time
		skew      time.Duration
		wantErr   error
		wantParam string
	}{
		{name: "valid", query: good, body: body},
		{name: "valid, rotated key", query: string(signing.NewSigner("rotated-key", "rotated-secret").AppendQuery(nil, "POST", "/apps/1/events", nil, body, testNow.Unix())), body: body},
		{name: "unparsable query", query: good + "&x=%zz", body: body, wantErr: signcheck.ErrMalformedQuery},
		{name: "semicolon separator", query: good + ";x=1", body: body, wantErr: signcheck.ErrMalformedQuery},
		{name: "auth_key twice", query: good + "&auth_key=" + testKey, body: body, wantErr: signcheck.ErrMalformedQuery, wantParam: "auth_key"},
		{name: "AUTH_KEY in another case", query: good + "&AUTH_KEY=" + testKey, body: body, wantErr: signcheck.ErrMalformedQuery, wantParam: "auth_key"},
		{name: "missing auth_key", query: drop(good, "auth_key"), body: body, wantErr: signcheck.ErrMissingAuthParam, wantParam: "auth_key"},
		{name: "missing auth_timestamp", query: drop(good, "auth_timestamp"), body: body, wantErr: signcheck.ErrMissingAuthParam, wantParam: "auth_timestamp"},
		{name: "missing auth_version", query: drop(good, "auth_version"), body: body, wantErr: signcheck.ErrMissingAuthParam, wantParam: "auth_version"},
		{name: "missing auth_signature", query: drop(good, "auth_signature"), body: body, wantErr: signcheck.ErrMissingAuthParam, wantParam: "auth_signature"},
		{name: "missing body_md5 with a body", query: noBody, body: body, wantErr: signcheck.ErrMissingAuthParam, wantParam: "body_md5"},
		{name: "auth_version 2.0", query: set(good, "auth_version", "2.0"), body: body, wantErr: signcheck.ErrBadAuthVersion, wantParam: "auth_version"},
		{name: "timestamp not a number", query: set(good, "auth_timestamp", "soon"), body: body, wantErr: signcheck.ErrMalformedQuery, wantParam: "auth_timestamp"},
		{name: "unknown key", query: string(signing.NewSigner("nobody", testSecret).AppendQuery(nil, "POST", "/apps/1/events", nil, body, testNow.Unix())), body: body, wantErr: signcheck.ErrUnknownKey, wantParam: "auth_key"},
		{name: "wrong secret", query: string(signing.NewSigner(testKey, "wrong").AppendQuery(nil, "POST", "/apps/1/events", nil, body, testNow.Unix())), body: body, wantErr: signcheck.ErrSignatureMismatch, wantParam: "auth_signature"},
		{name: "param tampered", query: set(good, "info", "a,c"), body: body, wantErr: signcheck.ErrSignatureMismatch},
		{name: "param added", query: good + "&extra=1", body: body, wantErr: signcheck.ErrSignatureMismatch},
		{name: "other path", path: "/apps/2/events", query: good, body: body, wantErr: signcheck.ErrSignatureMismatch},
		{name: "other method", method: "PUT", query: good, body: body, wantErr: signcheck.ErrSignatureMismatch},
		{name: "signature not hex", query: set(good, "auth_signature", strings.Repeat("zz", 32)), body: body, wantErr: signcheck.ErrSignatureMismatch},
		{name: "signature truncated", query: set(good, "auth_signature", "abcd"), body: body, wantErr: signcheck.ErrSignatureMismatch},
		{name: "body tampered", query: good, body: []byte(`{"name":"e","channel":"c","data":"y"}`), wantErr: signcheck.ErrBodyMD5Mismatch, wantParam: "body_md5"},
		{name: "body dropped", query: good, body: nil, wantErr: signcheck.ErrBodyMD5Mismatch, wantParam: "body_md5"},
		{name: "stale by 601s", query: good, body: body, now: testNow.Add(601 * time.Second), skew: 600 * time.Second, wantErr: signcheck.ErrTimestampExpired, wantParam: "auth_timestamp"},
		{name: "future by 601s", query: good, body: body, now: testNow.Add(-601 * time.Second), skew: 600 * time.Second, wantErr: signcheck.ErrTimestampExpired},
		{name: "stale by exactly 600s is fine", query: good, body: body, now: testNow.Add(600 * time.Second), skew: 600 * time.Second},
		{name: "skew check disabled", query: good, body: body, now: testNow.Add(1000 * time.Hour), skew: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			method, path, now, skew := tt.method, tt.path, tt.now, tt.skew
			if method == "" {
				method = "POST"
			}
			if path == "" {
				path = "/apps/1/events"
			}
			if now.IsZero() {
				now = testNow
			}
			if skew == 0 && tt.now.IsZero() {
				skew = time.Minute
			}
			err := signcheck.Verifier{Secret: secretFor, Now: func() time.Time { return now }, MaxSkew: skew}.Verify(method, path, tt.query, tt.body)
			if tt.wantErr == nil {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("error = %v, want %v", err, tt.wantErr)
			}
			var re *signcheck.Error
			if !errors.As(err, &re) {
				t.Fatalf("error %T is not a *signcheck.Error", err)
			}
			if tt.wantParam != "" && re.Param != tt.wantParam {
				t.Errorf("Param = %q, want %q", re.Param, tt.wantParam)
			}
			msg := err.Error()
			sig := good[strings.LastIndex(good, "=")+1:]
			if strings.Contains(msg, testSecret) || strings.Contains(msg, sig) {
				t.Errorf("error message leaks a secret or signature: %s", msg)
			}
		})
	}
}

func TestVerify_MismatchCarriesStringToSign(t *testing.T) {
	s := signing.NewSigner(testKey, "wrong")
	q := string(s.AppendQuery(nil, "GET", "/apps/1/channels", []signing.Param{{Key: "info", Value: "user_count"}}, nil, testNow.Unix()))
	err := signcheck.Verifier{Secret: secretFor, Now: func() time.Time { return testNow }, MaxSkew: time.Minute}.Verify("GET", "/apps/1/channels", q, nil)
	var re *signcheck.Error
	if !errors.As(err, &re) || !errors.Is(err, signcheck.ErrSignatureMismatch) {
		t.Fatalf("want signature mismatch, got %v", err)
	}
	want := "GET\n/apps/1/channels\nauth_key=app-key&auth_timestamp=1700000000&auth_version=1.0&info=user_count"
	if re.StringToSign != want {
		t.Fatalf("StringToSign = %q, want %q", re.StringToSign, want)
	}
	if strings.Contains(err.Error(), re.StringToSign) {
		t.Error("Error() should stay short and not include the string to sign")
	}
}
