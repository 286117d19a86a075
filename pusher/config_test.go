package pusher_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/go-pusher/channels/pusher"
)

// urlSecret is distinctive enough that any leak shows.
const urlSecret = "Sup3rS3cr3tV4lue"

func TestFromURL(t *testing.T) {
	tests := []struct {
		name     string
		url      string
		wantBase string // scheme://host[:port] requests go to
		wantApp  string
		wantKey  string
	}{
		{"https cluster host", "https://key1:" + urlSecret + "@api-eu.pusher.com/apps/123", "https://api-eu.pusher.com", "123", "key1"},
		{"http with port", "http://key2:" + urlSecret + "@127.0.0.1:6001/apps/7", "http://127.0.0.1:6001", "7", "key2"},
		{"https with port", "https://key3:" + urlSecret + "@soketi.internal:8443/apps/42/", "https://soketi.internal:8443", "42", "key3"},
		{"escaped secret", "https://key4:a%2Fb%40c@host/apps/1", "https://host", "1", "key4"},
		{"soketi default app", "http://app-key:" + urlSecret + "@127.0.0.1:6001/apps/app-id", "http://127.0.0.1:6001", "app-id", "app-key"},
		{"path prefix", "http://k:" + urlSecret + "@127.0.0.1:6001/pusher/apps/app-id", "http://127.0.0.1:6001/pusher", "app-id", "k"},
		{"two-segment prefix, trailing slash", "https://k:" + urlSecret + "@h/a/b-c/apps/1/", "https://h/a/b-c", "1", "k"},
		{"prefix named apps", "https://k:" + urlSecret + "@h/apps/apps/7", "https://h/apps", "7", "k"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &recordingDoer{}
			c, err := pusher.FromURL(tt.url, pusher.WithTransport(d))
			if err != nil {
				t.Fatalf("FromURL: %v", err)
			}
			if c.AppID() != tt.wantApp || c.Key() != tt.wantKey {
				t.Errorf("app %s key %s, want %s %s", c.AppID(), c.Key(), tt.wantApp, tt.wantKey)
			}
			if _, err := c.Channels(context.Background(), pusher.ChannelsOptions{}); err != nil {
				t.Fatal(err)
			}
			want := tt.wantBase + "/apps/" + tt.wantApp + "/channels?"
			if got := d.Last(t).URL; !strings.HasPrefix(got, want) {
				t.Errorf("request to %s, want %s...", got, want)
			}
			if s := fmt.Sprintf("%v %+v %#v", c, c, c); strings.Contains(s, urlSecret) {
				t.Errorf("client prints its secret: %s", s)
			}
		})
	}
}

func TestFromURLAgainstFake(t *testing.T) {
	srv := newFake(t)
	app := srv.App()
	c, err := pusher.FromURL("http://" + app.Key + ":" + app.Secret + "@" + srv.Host() + "/apps/" + app.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Trigger(context.Background(), "ch", "ev", "from url"); err != nil {
		t.Fatalf("Trigger: %v", err)
	}
	if ev := lastEvent(t, srv); ev.Data != "from url" {
		t.Errorf("recorded %+v", ev)
	}
}

func TestFromURLRefusals(t *testing.T) {
	tests := []struct {
		name, url string
	}{
		{"not a URL", "https://key:" + urlSecret + "@host:port/apps/1\x7f"},
		{"ftp scheme", "ftp://key:" + urlSecret + "@host/apps/1"},
		{"no scheme", "key:" + urlSecret + "@host/apps/1"},
		{"missing secret", "https://key@host/apps/1"},
		{"empty secret", "https://key:@host/apps/1"},
		{"missing user info", "https://host/apps/1"},
		{"empty key", "https://:" + urlSecret + "@host/apps/1"},
		{"bad path", "https://key:" + urlSecret + "@host/app/1"},
		{"no app id", "https://key:" + urlSecret + "@host/apps/"},
		{"nested path", "https://key:" + urlSecret + "@host/apps/1/events"},
		{"app id with a percent", "https://key:" + urlSecret + "@host/apps/a%2Fb"},
		{"app id a dot segment", "https://key:" + urlSecret + "@host/apps/.."},
		{"prefix with a dot segment", "https://key:" + urlSecret + "@host/a/../apps/1"},
		{"prefix with an empty segment", "https://key:" + urlSecret + "@host//apps/1"},
		{"prefix with a space", "https://key:" + urlSecret + "@host/a%20b/apps/1"},
		{"empty query", "https://key:" + urlSecret + "@host/apps/1?"},
		{"query", "https://key:" + urlSecret + "@host/apps/1?cluster=eu"},
		{"fragment", "https://key:" + urlSecret + "@host/apps/1#x"},
		{"bad port", "https://key:" + urlSecret + "@host:0/apps/1"},
		{"no host", "https://key:" + urlSecret + "@/apps/1"},
		{"empty", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := pusher.FromURL(tt.url)
			if c != nil || err == nil {
				t.Fatalf("FromURL(%q) = %v, %v; want an error", tt.url, c, err)
			}
			var ce *pusher.ConfigError
			if !errors.As(err, &ce) {
				t.Errorf("err = %v (%T), want a *ConfigError", err, err)
			}
			if strings.Contains(err.Error(), urlSecret) {
				t.Errorf("message holds the secret: %s", err)
			}
		})
	}
}

func TestFromEnv(t *testing.T) {
	srv := newFake(t)
	app := srv.App()
	t.Setenv(pusher.EnvURL, "http://"+app.Key+":"+app.Secret+"@"+srv.Host()+"/apps/"+app.ID)
	c, err := pusher.FromEnv()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Trigger(context.Background(), "ch", "ev", "from env"); err != nil {
		t.Fatal(err)
	}

	t.Setenv(pusher.EnvURL, "")
	_, err = pusher.FromEnv()
	var ce *pusher.ConfigError
	if !errors.As(err, &ce) || ce.Field != pusher.EnvURL {
		t.Errorf("unset: err = %v, want a ConfigError naming %s", err, pusher.EnvURL)
	}

	t.Setenv(pusher.EnvURL, "https://key:"+urlSecret+"@host/nope")
	if _, err = pusher.FromEnv(); !errors.As(err, &ce) || strings.Contains(err.Error(), urlSecret) {
		t.Errorf("bad URL: err = %v", err)
	}
}

func TestNewRefusals(t *testing.T) {
	tests := []struct {
		name               string
		appID, key, secret string
		opts               []pusher.Option
		field              string
	}{
		{name: "app id with a slash", appID: "a/1", key: "k", secret: urlSecret, field: "app_id"},
		{name: "empty app id", appID: "", key: "k", secret: urlSecret, field: "app_id"},
		{name: "empty key", appID: "1", key: "", secret: urlSecret, field: "key"},
		{name: "empty secret", appID: "1", key: "k", secret: "", field: "secret"},
		{name: "bad cluster", appID: "1", key: "k", secret: urlSecret, opts: []pusher.Option{pusher.WithCluster("EU!")}, field: "cluster"},
		{name: "host with scheme", appID: "1", key: "k", secret: urlSecret, opts: []pusher.Option{pusher.WithHost("https://x")}, field: "host"},
		{name: "host with bad port", appID: "1", key: "k", secret: urlSecret, opts: []pusher.Option{pusher.WithHost("x:70000")}, field: "host"},
		{name: "negative timeout", appID: "1", key: "k", secret: urlSecret, opts: []pusher.Option{pusher.WithTimeout(-time.Second)}, field: "timeout"},
		{name: "zero limits", appID: "1", key: "k", secret: urlSecret, opts: []pusher.Option{pusher.WithLimits(pusher.Limits{})}, field: "limits"},
		{name: "negative retries", appID: "1", key: "k", secret: urlSecret, opts: []pusher.Option{pusher.WithRetry(pusher.RetryPolicy{MaxAttempts: -1})}, field: "retry"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := pusher.New(tt.appID, tt.key, tt.secret, tt.opts...)
			if c != nil || err == nil {
				t.Fatalf("New = %v, %v; want an error", c, err)
			}
			var ce *pusher.ConfigError
			if !errors.As(err, &ce) || ce.Field != tt.field {
				t.Errorf("err = %v (%T), want a *ConfigError on %q", err, err, tt.field)
			}
			if strings.Contains(err.Error(), urlSecret) {
				t.Errorf("message holds the secret: %s", err)
			}
		})
	}
	// A nil option is skipped, not a crash.
	if _, err := pusher.New("1", "k", "s", nil); err != nil {
		t.Errorf("nil option: %v", err)
	}
}

func TestClusterAndTLSChooseTheEndpoint(t *testing.T) {
	tests := []struct {
		opts []pusher.Option
		want string
	}{
		{nil, "https://api-mt1.pusher.com/apps/1/channels?"},
		{[]pusher.Option{pusher.WithCluster("eu")}, "https://api-eu.pusher.com/apps/1/channels?"},
		{[]pusher.Option{pusher.WithHost("h:81")}, "https://h:81/apps/1/channels?"},
		{[]pusher.Option{pusher.WithCluster("eu"), pusher.WithHost("api-eu.pusher.com")}, "https://api-eu.pusher.com/apps/1/channels?"},
		{[]pusher.Option{pusher.WithTLS(false), pusher.WithCluster("ap1")}, "http://api-ap1.pusher.com/apps/1/channels?"},
	}
	for _, tt := range tests {
		d := &recordingDoer{}
		c, err := pusher.New("1", "k", "s", append(tt.opts, pusher.WithTransport(d))...)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Channels(context.Background(), pusher.ChannelsOptions{}); err != nil {
			t.Fatal(err)
		}
		if got := d.Last(t).URL; !strings.HasPrefix(got, tt.want) {
			t.Errorf("URL %s, want prefix %s", got, tt.want)
		}
		if ua := d.Last(t).Header.Get("User-Agent"); !strings.HasPrefix(ua, "go-pusher-channels/") {
			t.Errorf("User-Agent = %q", ua)
		}
	}
}

// TestNilOptionValuesMeanTheDefault: an option given nil picks the
// default, as net/http.Client's nil Transport does: the client works.
func TestNilOptionValuesMeanTheDefault(t *testing.T) {
	srv := newFake(t)
	app := srv.App()
	c, err := pusher.New(app.ID, app.Key, app.Secret, pusher.WithHost(srv.Host()), pusher.WithTLS(false),
		pusher.WithTransport(nil), pusher.WithJSONCodec(nil), pusher.WithClock(nil),
		pusher.WithRandom(nil), pusher.WithLogger(nil), pusher.WithEncryptionMasterKeyBase64(testMasterKeyB64))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx := context.Background()
	if _, err := c.Trigger(ctx, "private-encrypted-x", "ev", map[string]int{"n": 1}); err != nil {
		t.Fatalf("Trigger: %v", err)
	}
	if _, err := c.Channels(ctx, pusher.ChannelsOptions{}); err != nil {
		t.Fatalf("Channels: %v", err)
	}
	if ev := lastEvent(t, srv); !strings.Contains(ev.Data, `"ciphertext"`) {
		t.Errorf("recorded %+v, want an encrypted envelope", ev)
	}
}
