package pushertest_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/pushertest"
	"github.com/go-pusher/channels/signing"
)

func TestAuthentication(t *testing.T) {
	srv := newServer(t, pushertest.WithExtraKey("old-key", "old-secret"))
	app := srv.App()
	good := signing.NewSigner(app.Key, app.Secret)
	trigger := `{"name":"e","channel":"c","data":"d"}`
	now := time.Now().Unix()
	signed := string(good.AppendQuery(nil, "POST", "/apps/1/events", nil, []byte(trigger), now))
	without := func(name string) string {
		v, _ := url.ParseQuery(signed)
		v.Del(name)
		return v.Encode()
	}

	tests := []struct {
		name       string
		c          call
		wantStatus int
		wantMsg    string
	}{
		{"valid", call{}, 200, "{}"},
		{"rotated key", call{signer: signing.NewSigner("old-key", "old-secret")}, 200, "{}"},
		{"wrong secret", call{signer: signing.NewSigner(app.Key, "nope")}, 401, "Invalid signature"},
		{"unknown key", call{signer: signing.NewSigner("who", app.Secret)}, 401, "Unknown auth_key"},
		{"stale timestamp", call{unixTime: now - 601}, 401, "Timestamp expired"},
		{"future timestamp", call{unixTime: now + 602}, 401, "Timestamp expired"}, // 602: the fake's clock is a fraction of a second later
		{"missing auth_signature", call{rawQuery: without("auth_signature")}, 401, "missing auth parameter (auth_signature)"},
		{"missing body_md5", call{rawQuery: without("body_md5")}, 401, "Invalid signature"},
		{"body changed after signing", call{rawQuery: signed, body: `{"name":"e","channel":"c","data":"X"}`}, 401, "body_md5"},
		{"signed for another path", call{signPath: "/apps/1/batch_events"}, 401, "Invalid signature"},
		{"malformed query", call{rawQuery: signed + "&x=%zz"}, 400, "Invalid query"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.c
			c.method, c.path = "POST", "/apps/1/events"
			if c.body == "" {
				c.body = trigger
			}
			before := len(srv.Events())
			status, body := send(t, srv, c)
			if status != tt.wantStatus || !strings.Contains(body, tt.wantMsg) {
				t.Fatalf("status %d body %q, want %d containing %q", status, body, tt.wantStatus, tt.wantMsg)
			}
			if status != 200 && len(srv.Events()) != before {
				t.Fatal("an unauthenticated request recorded events")
			}
		})
	}
}

func TestSignatureMismatchBodyShowsStringToSignNotSecrets(t *testing.T) {
	srv := newServer(t)
	status, body := send(t, srv, call{method: "GET", path: "/apps/1/channels", signer: signing.NewSigner(srv.App().Key, "wrong-secret")})
	if status != 401 {
		t.Fatalf("status %d", status)
	}
	if !strings.Contains(body, `"GET\n/apps/1/channels\nauth_key=fake-key&auth_timestamp=`) {
		t.Fatalf("401 body should show the expected string to sign: %q", body)
	}
	if strings.Contains(body, srv.App().Secret) || strings.Contains(body, "wrong-secret") {
		t.Fatalf("401 body leaks a secret: %q", body)
	}
	req := srv.Requests()[0]
	sig, _ := url.ParseQuery(req.RawQuery)
	if strings.Contains(body, sig.Get("auth_signature")) {
		t.Fatalf("401 body echoes the signature: %q", body)
	}
}

// The fake verifies the path exactly as sent: a client that signs one form
// and sends another (a transport that re-escapes) is caught.
func TestPathIsVerifiedAsSent(t *testing.T) {
	srv := newServer(t)
	mustSubscribe(t, srv, "presence-a=b@c", "1.1", &pusher.Member{UserID: "u"})
	status, body := send(t, srv, call{method: "GET", path: "/apps/1/channels/presence-a=b@c"})
	if status != 200 {
		t.Fatalf("unescaped path: status %d %s", status, body)
	}
	status, body = send(t, srv, call{method: "GET", path: "/apps/1/channels/presence-a%3Db%40c", signPath: "/apps/1/channels/presence-a=b@c"})
	if status != 401 || !strings.Contains(body, "Invalid signature") {
		t.Fatalf("escaped path signed unescaped: status %d %s", status, body)
	}
	status, body = send(t, srv, call{method: "GET", path: "/apps/1/channels/presence-a%3Db%40c"})
	if status != 200 {
		t.Fatalf("escaped path signed as sent: status %d %s", status, body)
	}
}

func TestClockAndSkewOptions(t *testing.T) {
	fixed := time.Unix(1353088179, 0)
	srv := newServer(t, pushertest.WithClock(func() time.Time { return fixed }))
	if status, body := send(t, srv, call{method: "GET", path: "/apps/1/channels", unixTime: fixed.Unix() - 30}); status != 200 {
		t.Fatalf("fixed clock: %d %s", status, body)
	}
	if status, _ := send(t, srv, call{method: "GET", path: "/apps/1/channels"}); status != 401 {
		t.Fatalf("real time against a 2012 clock: status %d, want 401", status)
	}
	noSkew := newServer(t, pushertest.WithMaxSkew(0))
	if status, body := send(t, noSkew, call{method: "GET", path: "/apps/1/channels", unixTime: 1}); status != 200 {
		t.Fatalf("skew check disabled: %d %s", status, body)
	}
	short := newServer(t, pushertest.WithMaxSkew(5*time.Second))
	if status, _ := send(t, short, call{method: "GET", path: "/apps/1/channels", unixTime: time.Now().Unix() - 60}); status != 401 {
		t.Fatalf("60s old with 5s skew: status %d, want 401", status)
	}
}

func TestRouting(t *testing.T) {
	srv := newServer(t, pushertest.WithApp(pushertest.App{ID: "42", Key: "k", Secret: "s"}))
	tests := []struct {
		name, method, path string
		wantStatus         int
		wantAllow          string
	}{
		{"unknown app", "GET", "/apps/1/channels", 404, ""},
		{"unknown endpoint", "GET", "/apps/42/nothing", 404, ""},
		{"outside /apps", "GET", "/channels", 404, ""},
		{"trailing slash", "GET", "/apps/42/channels/", 404, ""},
		{"GET events", "GET", "/apps/42/events", 405, "POST"},
		{"POST channels", "POST", "/apps/42/channels", 405, "GET"},
		{"DELETE users", "DELETE", "/apps/42/channels/presence-x/users", 405, "GET"},
		{"GET terminate", "GET", "/apps/42/users/u/terminate_connections", 405, "POST"},
		{"right app", "GET", "/apps/42/channels", 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := string(signing.NewSigner("k", "s").AppendQuery(nil, tt.method, tt.path, nil, nil, time.Now().Unix()))
			req, _ := http.NewRequest(tt.method, srv.URL()+tt.path+"?"+q, nil)
			resp, err := srv.HTTPClient().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tt.wantStatus || resp.Header.Get("Allow") != tt.wantAllow {
				t.Fatalf("status %d Allow %q, want %d %q", resp.StatusCode, resp.Header.Get("Allow"), tt.wantStatus, tt.wantAllow)
			}
		})
	}
}
