package signing_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"testing"

	"github.com/go-pusher/channels/signing"
)

// Credentials and vectors from Pusher's published docs: "HTTP API
// reference" (worked authentication example) and "Authentication and
// authorization signatures" (worked examples).
const (
	docKey    = "278d425bdf160c739803"
	docSecret = "7ad3773142a6692b25b8"
	docTime   = 1353088179
	docBody   = `{"name":"foo","channels":["project-3"],"data":"{\"some\":\"data\"}"}`
	docSocket = "1234.1234"
)

func hmacHex(secret, msg string) string {
	h := hmac.New(sha256.New, []byte(secret))
	h.Write([]byte(msg))
	return hex.EncodeToString(h.Sum(nil))
}

func TestAppendQuery_PublishedRESTExample(t *testing.T) {
	s := signing.NewSigner(docKey, docSecret)
	got := string(s.AppendQuery(nil, "POST", "/apps/3/events", nil, []byte(docBody), docTime))
	// The "api request then becomes" line of the docs.
	want := "auth_key=278d425bdf160c739803&auth_timestamp=1353088179&auth_version=1.0" +
		"&body_md5=ec365a775a4cd0599faeb73354201b6f" +
		"&auth_signature=da454824c97ba181a32ccc17a72625ba02771f50b50e1e7430e47a1f3f457e6c"
	if got != want {
		t.Fatalf("AppendQuery:\n got %s\nwant %s", got, want)
	}
}

func TestStringToSign_PublishedExamples(t *testing.T) {
	s := signing.NewSigner(docKey, docSecret)
	tests := []struct {
		name, method, path string
		params             []signing.Param
		want               string
	}{
		{
			name: "REST worked example", method: "POST", path: "/apps/3/events",
			params: []signing.Param{
				{"body_md5", "ec365a775a4cd0599faeb73354201b6f"},
				{"auth_version", "1.0"},
				{"auth_key", docKey},
				{"auth_timestamp", "1353088179"},
			},
			want: "POST\n/apps/3/events\nauth_key=278d425bdf160c739803&auth_timestamp=1353088179&auth_version=1.0&body_md5=ec365a775a4cd0599faeb73354201b6f",
		},
		{
			// The docs' note: keys lowercased, nothing escaped.
			name: "lowercased keys, unescaped values", method: "POST", path: "/some/resource",
			params: []signing.Param{{"Name", "Something else"}, {"auth_key", "foo"}},
			want:   "POST\n/some/resource\nauth_key=foo&name=Something else",
		},
		{
			name: "auth_signature left out", method: "GET", path: "/p",
			params: []signing.Param{{"b", "2"}, {"auth_signature", "x"}, {"a", "1"}},
			want:   "GET\n/p\na=1&b=2",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := s.StringToSign(tt.method, tt.path, tt.params); got != tt.want {
				t.Fatalf("got %q\nwant %q", got, tt.want)
			}
		})
	}
	if got := hmacHex(docSecret, tests[0].want); got != "da454824c97ba181a32ccc17a72625ba02771f50b50e1e7430e47a1f3f457e6c" {
		t.Fatalf("HMAC of the documented string to sign = %s", got)
	}
}

// The REST docs give no GET example, so this one is built by hand from the
// documented rules and its signature computed here with crypto/hmac.
func TestAppendQuery_GETWithoutBody(t *testing.T) {
	s := signing.NewSigner(docKey, docSecret)
	params := []signing.Param{{"info", "user_count"}, {"filter_by_prefix", "presence-"}}
	got := string(s.AppendQuery(nil, "GET", "/apps/3/channels", params, nil, docTime))

	unsigned := "auth_key=278d425bdf160c739803&auth_timestamp=1353088179&auth_version=1.0&filter_by_prefix=presence-&info=user_count"
	sig := hmacHex(docSecret, "GET\n/apps/3/channels\n"+unsigned)
	if want := unsigned + "&auth_signature=" + sig; got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}

func TestAuthStrings(t *testing.T) {
	s := signing.NewSigner(docKey, docSecret)
	tests := []struct {
		name string
		got  string
		want string
	}{
		{
			name: "private channel (published)",
			got:  s.ChannelAuth(docSocket, "private-foobar"),
			want: "278d425bdf160c739803:58df8b0c36d6982b82c3ecf6b4662e34fe8c25bba48f5369f135bf843651c3a4",
		},
		{
			name: "presence channel (published)",
			got:  s.PresenceAuth(docSocket, "presence-foobar", `{"user_id":10,"user_info":{"name":"Mr. Channels"}}`),
			want: "278d425bdf160c739803:31935e7d86dba64c2a90aed31fdc61869f9b22ba9d8863bba239c03ca481bc80",
		},
		{
			name: "user authentication (published)",
			got:  s.UserAuth(docSocket, `{"id":"12345"}`),
			want: "278d425bdf160c739803:4708d583dada6a56435fb8bc611c77c359a31eebde13337c16ab43aa6de336ba",
		},
		{
			name: "user authentication (computed from the documented format)",
			got:  s.UserAuth("9876.5432", `{"id":"10","user_info":{"name":"Ada"},"watchlist":["1","2"]}`),
			want: docKey + ":" + hmacHex(docSecret, `9876.5432::user::{"id":"10","user_info":{"name":"Ada"},"watchlist":["1","2"]}`),
		},
		{
			name: "channel name with every allowed odd character",
			got:  s.ChannelAuth(docSocket, "private-azAZ9_=@,.;"),
			want: docKey + ":" + hmacHex(docSecret, "1234.1234:private-azAZ9_=@,.;"),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Fatalf("got  %s\nwant %s", tt.got, tt.want)
			}
		})
	}
}

// TestUnusableSignersSignNothing: a nil or zero Signer, and one built from
// a key or secret domain refuses, returns empty auth strings, webhook
// signatures and queries, and verifies no webhook: not even the signature
// an empty secret gives, which anybody can compute.
func TestUnusableSignersSignNothing(t *testing.T) {
	body := []byte(`{"time_ms":1,"events":[]}`)
	for name, s := range map[string]*signing.Signer{
		"nil":                  nil,
		"zero":                 new(signing.Signer),
		"empty key and secret": signing.NewSigner("", ""),
		"empty secret":         signing.NewSigner(docKey, ""),
		"empty key":            signing.NewSigner("", docSecret),
		"key with ':'":         signing.NewSigner("k:x", docSecret),
		"key with NUL":         signing.NewSigner("k\x00", docSecret),
		"secret with newline":  signing.NewSigner(docKey, docSecret+"\n"),
	} {
		t.Run(name, func(t *testing.T) {
			for method, got := range map[string]string{
				"ChannelAuth":      s.ChannelAuth(docSocket, "private-a"),
				"PresenceAuth":     s.PresenceAuth(docSocket, "presence-a", `{"user_id":"1"}`),
				"UserAuth":         s.UserAuth(docSocket, `{"id":"1"}`),
				"WebhookSignature": s.WebhookSignature(body),
				"AppendQuery":      string(s.AppendQuery([]byte("x"), "GET", "/apps/1/channels", nil, nil, docTime)),
			} {
				if want := map[bool]string{true: "x"}[method == "AppendQuery"]; got != want {
					t.Errorf("%s = %q, want %q", method, got, want)
				}
			}
			if s.VerifyWebhook(body, hmacHex("", string(body))) {
				t.Error("VerifyWebhook accepts the empty secret's signature")
			}
		})
	}
}
