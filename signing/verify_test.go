package signing_test

import (
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

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

func TestAppendQuery_RoundTrip(t *testing.T) {
	s := signing.NewSigner(testKey, testSecret)
	tests := []struct {
		name   string
		method string
		path   string
		params []signing.Param
		body   []byte
	}{
		{"no params, empty body", "GET", "/apps/1/channels", nil, nil},
		{"info list", "GET", "/apps/1/channels/presence-room", []signing.Param{{"info", "user_count,subscription_count"}}, nil},
		{"prefix with odd chars", "GET", "/apps/1/channels", []signing.Param{{"filter_by_prefix", "presence-a=b@c;d,e.f"}, {"info", "user_count"}}, nil},
		{"spaces, plus, ampersand", "GET", "/apps/1/channels", []signing.Param{{"x", "a b+c&d=e%f"}}, nil},
		{"unicode", "GET", "/apps/1/channels", []signing.Param{{"note", "héllo wörld ✓ 日本"}}, nil},
		{"uppercase keys", "GET", "/apps/1/channels", []signing.Param{{"FILTER_BY_Prefix", "presence-"}, {"Info", "user_count"}}, nil},
		{"repeated key keeps order", "POST", "/apps/1/events", []signing.Param{{"channels[]", "b"}, {"channels[]", "a"}}, nil},
		{"odd channel path", "GET", "/apps/1/channels/private-azAZ9_=@,.;/users", nil, nil},
		{"json body", "POST", "/apps/1/events", nil, []byte(`{"name":"e","channel":"c","data":"{}"}`)},
		{"many params (heap path)", "GET", "/apps/1/channels", manyParams(20), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := string(s.AppendQuery(nil, tt.method, tt.path, tt.params, tt.body, testNow.Unix()))
			if err := signing.VerifyRequest(secretFor, tt.method, tt.path, q, tt.body, testNow, 10*time.Minute); err != nil {
				t.Fatalf("VerifyRequest(%q): %v", q, err)
			}
			// The wire query decodes to exactly the params given, keys
			// lowercased, plus the auth parameters.
			got, err := url.ParseQuery(q)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range tt.params {
				if !contains(got[strings.ToLower(p.Key)], p.Value) {
					t.Errorf("param %s=%q missing from %q", p.Key, p.Value, q)
				}
			}
			_, hasMD5 := got["body_md5"]
			if hasMD5 != (len(tt.body) > 0) {
				t.Errorf("body_md5 present=%v with body length %d", hasMD5, len(tt.body))
			}
			if !strings.Contains(q[strings.LastIndex(q, "&"):], "auth_signature=") {
				t.Errorf("auth_signature is not last: %s", q)
			}
		})
	}
}

func TestAppendQuery_WireEscaping(t *testing.T) {
	s := signing.NewSigner(testKey, testSecret)
	params := []signing.Param{{"info", "user_count,subscription_count"}, {"filter_by_prefix", "presence-a=b@c;d,e.f ü"}}
	q := string(s.AppendQuery(nil, "GET", "/apps/1/channels", params, nil, 42))
	wantPrefix := "auth_key=app-key&auth_timestamp=42&auth_version=1.0" +
		"&filter_by_prefix=presence-a%3Db%40c%3Bd%2Ce.f+%C3%BC" +
		"&info=user_count%2Csubscription_count&auth_signature="
	if !strings.HasPrefix(q, wantPrefix) {
		t.Fatalf("got  %s\nwant %s...", q, wantPrefix)
	}
	unescaped := "auth_key=app-key&auth_timestamp=42&auth_version=1.0&filter_by_prefix=presence-a=b@c;d,e.f ü&info=user_count,subscription_count"
	if sig := q[len(wantPrefix):]; sig != hmacHex(testSecret, "GET\n/apps/1/channels\n"+unescaped) {
		t.Fatalf("signature is not over the unescaped string")
	}
}

func TestAppendQuery_EscapesLikeQueryEscape(t *testing.T) {
	s := signing.NewSigner(testKey, testSecret)
	var all strings.Builder
	for c := range 256 {
		all.WriteByte(byte(c))
	}
	for _, v := range []string{all.String(), "a b", "~-._", "日本", "%", "+"} {
		q := string(s.AppendQuery(nil, "GET", "/", []signing.Param{{"v", v}}, nil, 1))
		want := "v=" + url.QueryEscape(v) + "&"
		if !strings.Contains(q, want) {
			t.Errorf("value %q not escaped as url.QueryEscape: %s", v, q)
		}
	}
}

func TestAppendQuery_AppendsToDst(t *testing.T) {
	s := signing.NewSigner(testKey, testSecret)
	prefix := "https://h/apps/1/events?"
	dst := append(make([]byte, 0, 512), prefix...)
	out := s.AppendQuery(dst, "POST", "/apps/1/events", nil, []byte("{}"), 7)
	if !strings.HasPrefix(string(out), prefix) {
		t.Fatalf("prefix lost: %s", out)
	}
	want := string(s.AppendQuery(nil, "POST", "/apps/1/events", nil, []byte("{}"), 7))
	if string(out[len(prefix):]) != want {
		t.Fatalf("got %s, want %s", out[len(prefix):], want)
	}
}

func TestVerifyRequest_Failures(t *testing.T) {
	s := signing.NewSigner(testKey, testSecret)
	body := []byte(`{"name":"e","channel":"c","data":"x"}`)
	good := string(s.AppendQuery(nil, "POST", "/apps/1/events", []signing.Param{{"info", "a,b"}}, body, testNow.Unix()))
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
		{name: "unparsable query", query: good + "&x=%zz", body: body, wantErr: signing.ErrMalformedQuery},
		{name: "semicolon separator", query: good + ";x=1", body: body, wantErr: signing.ErrMalformedQuery},
		{name: "auth_key twice", query: good + "&auth_key=" + testKey, body: body, wantErr: signing.ErrMalformedQuery, wantParam: "auth_key"},
		{name: "AUTH_KEY in another case", query: good + "&AUTH_KEY=" + testKey, body: body, wantErr: signing.ErrMalformedQuery, wantParam: "auth_key"},
		{name: "missing auth_key", query: drop(good, "auth_key"), body: body, wantErr: signing.ErrMissingAuthParam, wantParam: "auth_key"},
		{name: "missing auth_timestamp", query: drop(good, "auth_timestamp"), body: body, wantErr: signing.ErrMissingAuthParam, wantParam: "auth_timestamp"},
		{name: "missing auth_version", query: drop(good, "auth_version"), body: body, wantErr: signing.ErrMissingAuthParam, wantParam: "auth_version"},
		{name: "missing auth_signature", query: drop(good, "auth_signature"), body: body, wantErr: signing.ErrMissingAuthParam, wantParam: "auth_signature"},
		{name: "missing body_md5 with a body", query: noBody, body: body, wantErr: signing.ErrMissingAuthParam, wantParam: "body_md5"},
		{name: "auth_version 2.0", query: set(good, "auth_version", "2.0"), body: body, wantErr: signing.ErrBadAuthVersion, wantParam: "auth_version"},
		{name: "timestamp not a number", query: set(good, "auth_timestamp", "soon"), body: body, wantErr: signing.ErrMalformedQuery, wantParam: "auth_timestamp"},
		{name: "unknown key", query: string(signing.NewSigner("nobody", testSecret).AppendQuery(nil, "POST", "/apps/1/events", nil, body, testNow.Unix())), body: body, wantErr: signing.ErrUnknownKey, wantParam: "auth_key"},
		{name: "wrong secret", query: string(signing.NewSigner(testKey, "wrong").AppendQuery(nil, "POST", "/apps/1/events", nil, body, testNow.Unix())), body: body, wantErr: signing.ErrSignatureMismatch, wantParam: "auth_signature"},
		{name: "param tampered", query: set(good, "info", "a,c"), body: body, wantErr: signing.ErrSignatureMismatch},
		{name: "param added", query: good + "&extra=1", body: body, wantErr: signing.ErrSignatureMismatch},
		{name: "other path", path: "/apps/2/events", query: good, body: body, wantErr: signing.ErrSignatureMismatch},
		{name: "other method", method: "PUT", query: good, body: body, wantErr: signing.ErrSignatureMismatch},
		{name: "signature not hex", query: set(good, "auth_signature", strings.Repeat("zz", 32)), body: body, wantErr: signing.ErrSignatureMismatch},
		{name: "signature truncated", query: set(good, "auth_signature", "abcd"), body: body, wantErr: signing.ErrSignatureMismatch},
		{name: "body tampered", query: good, body: []byte(`{"name":"e","channel":"c","data":"y"}`), wantErr: signing.ErrBodyMD5Mismatch, wantParam: "body_md5"},
		{name: "body dropped", query: good, body: nil, wantErr: signing.ErrBodyMD5Mismatch, wantParam: "body_md5"},
		{name: "stale by 601s", query: good, body: body, now: testNow.Add(601 * time.Second), skew: 600 * time.Second, wantErr: signing.ErrTimestampExpired, wantParam: "auth_timestamp"},
		{name: "future by 601s", query: good, body: body, now: testNow.Add(-601 * time.Second), skew: 600 * time.Second, wantErr: signing.ErrTimestampExpired},
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
			err := signing.VerifyRequest(secretFor, method, path, tt.query, tt.body, now, skew)
			if tt.wantErr == nil {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("error = %v, want %v", err, tt.wantErr)
			}
			var re *signing.RequestError
			if !errors.As(err, &re) {
				t.Fatalf("error %T is not a *RequestError", err)
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

func TestVerifyRequest_MismatchCarriesStringToSign(t *testing.T) {
	s := signing.NewSigner(testKey, "wrong")
	q := string(s.AppendQuery(nil, "GET", "/apps/1/channels", []signing.Param{{"info", "user_count"}}, nil, testNow.Unix()))
	err := signing.VerifyRequest(secretFor, "GET", "/apps/1/channels", q, nil, testNow, time.Minute)
	var re *signing.RequestError
	if !errors.As(err, &re) || !errors.Is(err, signing.ErrSignatureMismatch) {
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

func manyParams(n int) []signing.Param {
	ps := make([]signing.Param, n)
	for i := range ps {
		ps[i] = signing.Param{Key: string(rune('z'-i%26)) + "k", Value: strings.Repeat("v", i)}
	}
	return ps
}

func contains(vs []string, v string) bool {
	for _, x := range vs {
		if x == v {
			return true
		}
	}
	return false
}
