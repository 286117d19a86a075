package pusher_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/go-pusher/channels/pusher"
)

// TestBasePath puts every call below the prefix and signs the whole path.
func TestBasePath(t *testing.T) {
	tests := []struct {
		prefix string
		want   string // path of a trigger
	}{
		{"", "/apps/1/events"},
		{"/", "/apps/1/events"},
		{"/pusher", "/pusher/apps/1/events"},
		{"/pusher/", "/pusher/apps/1/events"},
		{"/a/b-c_d.e~f", "/a/b-c_d.e~f/apps/1/events"},
		{"/...", "/.../apps/1/events"},
	}
	for _, tt := range tests {
		t.Run(tt.prefix, func(t *testing.T) {
			c, d := newRecordingClient(t, pusher.WithBasePath(tt.prefix))
			if _, err := c.Trigger(context.Background(), "ch", "ev", "x"); err != nil {
				t.Fatal(err)
			}
			u, err := url.Parse(d.Last(t).URL)
			if err != nil {
				t.Fatal(err)
			}
			if u.Path != tt.want {
				t.Errorf("trigger to %s, want %s", u.Path, tt.want)
			}
		})
	}
}

// TestBasePathRefusals lists prefixes WithBasePath refuses.
func TestBasePathRefusals(t *testing.T) {
	for _, prefix := range []string{
		"pusher",       // no leading slash
		"//",           // empty segment
		"/a//b",        // empty segment
		"/a/./b",       // dot segment
		"/a/..",        // dot segment
		"/..",          // dot segment
		"/pusher?x=1",  // query
		"/pusher#frag", // fragment
		"/a b",         // space
		"/a%2Fb",       // escape
		"/a\tb",        // control character
		"/é",           // not ASCII
		"/a:b",         // not unreserved
		"/pusher//",    // two trailing slashes
		"https://h/p",  // a URL
		"/a/b/\x00/c",  // NUL
		"/a;b",         // parameter
	} {
		_, err := pusher.New("1", "k", "s", pusher.WithBasePath(prefix))
		var ce *pusher.ConfigError
		if !errors.As(err, &ce) || ce.Field != "base_path" {
			t.Errorf("WithBasePath(%q): err = %v, want a *ConfigError on base_path", prefix, err)
		}
	}
}

// TestBasePathCoversEveryCall sends each kind of call below the prefix and
// checks the signature over the prefixed path against the fake server,
// mounted under the same prefix.
func TestBasePathCoversEveryCall(t *testing.T) {
	c, d := newRecordingClient(t, pusher.WithBasePath("/pusher"))
	ctx := context.Background()
	calls := map[string]func() error{
		"trigger": func() error { _, err := c.Trigger(ctx, "ch", "ev", "x"); return err },
		"batch": func() error {
			_, err := c.TriggerBatch(ctx, []pusher.Event{{Channel: "ch", Name: "e", Data: "x"}})
			return err
		},
		"channels":  func() error { _, err := c.Channels(ctx, pusher.ChannelsOptions{}); return err },
		"channel":   func() error { _, err := c.Channel(ctx, "ch"); return err },
		"users":     func() error { _, err := c.Users(ctx, "presence-x"); return err },
		"terminate": func() error { return c.TerminateUserConnections(ctx, "u1") },
		"send":      func() error { return c.SendToUser(ctx, "u1", "ev", "x") },
		"get":       func() error { _, err := c.Get(ctx, "/channels", nil); return err },
		"post":      func() error { _, err := c.Post(ctx, "/events", []byte(`{}`)); return err },
	}
	for name, call := range calls {
		if err := call(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if u := d.Last(t).URL; !strings.HasPrefix(u, "http://127.0.0.1:1/pusher/apps/1/") {
			t.Errorf("%s went to %s, want below /pusher/apps/1/", name, u)
		}
	}
	// The signature covers the prefixed path, on the wire and in SignedQuery.
	if _, err := c.Trigger(ctx, "ch", "ev", "x"); err != nil {
		t.Fatal(err)
	}
	wantSigned(t, "test-secret", "POST", d.Last(t).URL, "/pusher/apps/1/events")
	q, err := c.SignedQuery("GET", "/channels", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	wantSigned(t, "test-secret", "GET", "http://h/pusher/apps/1/channels?"+q, "/pusher/apps/1/channels")
}

// wantSigned fails unless rawURL's auth_signature signs method and path
// with its other query parameters under secret.
func wantSigned(t *testing.T, secret, method, rawURL, path string) {
	t.Helper()
	u, err := url.Parse(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	if u.Path != path {
		t.Errorf("path %s, want %s", u.Path, path)
	}
	q := u.Query()
	sig := q.Get("auth_signature")
	q.Del("auth_signature")
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	pairs := make([]string, len(keys))
	for i, k := range keys {
		pairs[i] = k + "=" + q.Get(k)
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(method + "\n" + path + "\n" + strings.Join(pairs, "&")))
	if want := hex.EncodeToString(mac.Sum(nil)); sig != want {
		t.Errorf("auth_signature %s does not sign %s %s", sig, method, path)
	}
}

// TestEndpointSettingsConflict: two settings that give one part of the
// endpoint different values are a *ConfigError naming the part, in either
// order; settings that agree, and one option repeated, are fine.
func TestEndpointSettingsConflict(t *testing.T) {
	const us2 = "https://k:" + urlSecret + "@api-us2.pusher.com/apps/1"
	const local = "http://k:" + urlSecret + "@127.0.0.1:6001/pusher/apps/1"
	tests := []struct {
		name  string
		url   string // FromURL if set, else New
		opts  []pusher.Option
		field string // "" means no error
		want  string // with no error: the URL a Channels call goes to
	}{
		{name: "host and cluster", opts: []pusher.Option{pusher.WithHost("h:81"), pusher.WithCluster("eu")}, field: "host"},
		{name: "cluster and host", opts: []pusher.Option{pusher.WithCluster("eu"), pusher.WithHost("h:81")}, field: "host"},
		{name: "URL host and cluster", url: us2, opts: []pusher.Option{pusher.WithCluster("eu")}, field: "host"},
		{name: "URL host and host", url: us2, opts: []pusher.Option{pusher.WithHost("127.0.0.1:9")}, field: "host"},
		{name: "URL https and WithTLS(false)", url: us2, opts: []pusher.Option{pusher.WithTLS(false)}, field: "tls"},
		{name: "URL http and WithTLS(true)", url: local, opts: []pusher.Option{pusher.WithTLS(true)}, field: "tls"},
		{name: "URL prefix and another base path", url: local, opts: []pusher.Option{pusher.WithBasePath("/other")}, field: "base_path"},
		{name: "URL prefix and no base path", url: local, opts: []pusher.Option{pusher.WithBasePath("")}, field: "base_path"},
		{name: "URL without prefix and a base path", url: us2, opts: []pusher.Option{pusher.WithBasePath("/p")}, field: "base_path"},
		{name: "agreeing host, then another cluster", opts: []pusher.Option{pusher.WithCluster("eu"), pusher.WithHost("api-eu.pusher.com"), pusher.WithCluster("us2")}, field: "host"},
		{name: "URL host agreed, then another host", url: us2, opts: []pusher.Option{pusher.WithHost("api-us2.pusher.com"), pusher.WithHost("h")}, field: "host"},

		{name: "URL host and the same cluster", url: us2, opts: []pusher.Option{pusher.WithCluster("us2")}, want: "https://api-us2.pusher.com/apps/1/channels?"},
		{name: "URL and agreeing settings", url: local, opts: []pusher.Option{pusher.WithTLS(false), pusher.WithHost("127.0.0.1:6001"), pusher.WithBasePath("/pusher/")}, want: "http://127.0.0.1:6001/pusher/apps/1/channels?"},
		{name: "host repeated", opts: []pusher.Option{pusher.WithHost("a"), pusher.WithHost("b:2")}, want: "https://b:2/apps/1/channels?"},
		{name: "cluster repeated", opts: []pusher.Option{pusher.WithCluster("eu"), pusher.WithCluster("ap1")}, want: "https://api-ap1.pusher.com/apps/1/channels?"},
		{name: "TLS repeated", opts: []pusher.Option{pusher.WithTLS(false), pusher.WithTLS(true)}, want: "https://api-mt1.pusher.com/apps/1/channels?"},
		{name: "base path and host", opts: []pusher.Option{pusher.WithHost("h:1"), pusher.WithBasePath("/p"), pusher.WithTLS(false)}, want: "http://h:1/p/apps/1/channels?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &recordingDoer{}
			opts := append([]pusher.Option{pusher.WithTransport(d)}, tt.opts...)
			var c *pusher.Client
			var err error
			if tt.url != "" {
				c, err = pusher.FromURL(tt.url, opts...)
			} else {
				c, err = pusher.New("1", "k", urlSecret, opts...)
			}
			if tt.field != "" {
				var ce *pusher.ConfigError
				if c != nil || !errors.As(err, &ce) || ce.Field != tt.field {
					t.Fatalf("err = %v, want a *ConfigError on %q", err, tt.field)
				}
				if strings.Contains(err.Error(), urlSecret) {
					t.Errorf("message holds the secret: %s", err)
				}
				t.Logf("%v", err)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.Channels(context.Background(), pusher.ChannelsOptions{}); err != nil {
				t.Fatal(err)
			}
			if got := d.Last(t).URL; !strings.HasPrefix(got, tt.want) {
				t.Errorf("request to %s, want %s…", got, tt.want)
			}
		})
	}
}
