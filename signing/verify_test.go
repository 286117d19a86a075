package signing_test

import (
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

// verifier checks what AppendQuery signs, with code written apart from it.
var verifier = signcheck.Verifier{Secret: secretFor, Now: func() time.Time { return testNow }, MaxSkew: 10 * time.Minute}

func secretFor(key string) (string, bool) { return testSecret, key == testKey }

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
			if err := verifier.Verify(tt.method, tt.path, q, tt.body); err != nil {
				t.Fatalf("Verify(%q): %v", q, err)
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
