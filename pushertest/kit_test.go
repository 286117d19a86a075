package pushertest_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/pushertest"
)

// testMasterKey is the base64 of the 32 bytes 0x00..0x1f.
const testMasterKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="

func newClient(t *testing.T, srv *pushertest.Server, opts ...pusher.Option) *pusher.Client {
	t.Helper()
	c, err := srv.Client(opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestPusherURLWorksWithFromURL(t *testing.T) {
	srv := newServer(t, pushertest.WithApp(pushertest.App{ID: "42", Key: "k", Secret: "s/+:@"}))
	if want := "http://k:s%2F+%3A%40@" + srv.Host() + "/apps/42"; srv.PusherURL() != want {
		t.Fatalf("PusherURL %q, want %q", srv.PusherURL(), want)
	}
	c, err := pusher.FromURL(srv.PusherURL(), pusher.WithTLS(false))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Trigger(context.Background(), "c", "e", "d"); err != nil {
		t.Fatal(err)
	}
	if len(srv.Events()) != 1 {
		t.Fatalf("events %v", srv.Events())
	}
}

func TestRequestsSayWhetherTheSignatureVerified(t *testing.T) {
	srv := newServer(t, pushertest.WithClock(func() time.Time { return time.Unix(1_700_000_000, 0) }))
	good := newClient(t, srv)
	stale := newClient(t, srv, pusher.WithClock(func() time.Time { return time.Unix(1_600_000_000, 0) }))
	app := srv.App()
	wrong, err := pusher.New(app.ID, app.Key, "wrong", pusher.WithHost(srv.Host()), pusher.WithTLS(false))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	_, _ = good.Trigger(ctx, "c", "e", "d")
	_, _ = stale.Trigger(ctx, "c", "e", "d")
	_, _ = wrong.Trigger(ctx, "c", "e", "d")
	reqs := srv.Requests()
	if len(reqs) != 3 {
		t.Fatalf("%d requests", len(reqs))
	}
	for i, want := range []struct {
		verified bool
		status   int
	}{{true, 200}, {true, 401}, {false, 401}} {
		if reqs[i].Verified != want.verified || reqs[i].Status != want.status {
			t.Errorf("request %d: Verified %v status %d, want %v %d", i, reqs[i].Verified, reqs[i].Status, want.verified, want.status)
		}
	}
	if !strings.Contains(string(reqs[1].Response), "Timestamp expired") {
		t.Errorf("stale request answered %q", reqs[1].Response)
	}
}

func TestWithLatency(t *testing.T) {
	srv := newServer(t, pushertest.WithLatency(time.Minute))
	c := newClient(t, srv, pusher.WithTimeout(100*time.Millisecond))
	start := time.Now()
	_, err := c.Trigger(context.Background(), "c", "e", "d")
	if err == nil || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("slow fake: %v, want a deadline error", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("the client waited %v", d)
	}
	// Close ends the wait of a request still held.
	go func() { _, _ = newClient(t, srv).Channels(context.Background(), pusher.ChannelsOptions{}) }()
	time.Sleep(50 * time.Millisecond)
	start = time.Now()
	srv.Close()
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("Close took %v", d)
	}
}

func TestMasterKeyRecordsPlaintext(t *testing.T) {
	srv := newServer(t, pushertest.WithEncryptionMasterKeyBase64(testMasterKey))
	c := newClient(t, srv)
	ctx := context.Background()
	if _, err := c.Trigger(ctx, "private-encrypted-orders", "paid", `{"id":7}`); err != nil {
		t.Fatal(err)
	}
	if got := srv.Events()[0]; got.Data != `{"id":7}` {
		t.Fatalf("recorded %q, want the plaintext", got.Data)
	}
	if body := string(srv.Requests()[0].Body); strings.Contains(body, `\"id\":7`) || !strings.Contains(body, "ciphertext") {
		t.Fatalf("the client sent %s, want an envelope", body)
	}

	// The same trigger without the key: the fake records the envelope.
	plain := newServer(t)
	if _, err := newClient(t, plain, pusher.WithEncryptionMasterKeyBase64(testMasterKey)).Trigger(ctx, "private-encrypted-orders", "paid", `{"id":7}`); err != nil {
		t.Fatal(err)
	}
	if got := plain.Events()[0].Data; !strings.Contains(got, `"nonce"`) {
		t.Fatalf("without the key recorded %q, want the envelope", got)
	}

	// Data that is no envelope for the key is refused.
	status, body := send(t, srv, call{method: "POST", path: "/apps/1/events", body: `{"name":"e","channel":"private-encrypted-x","data":"not sealed"}`})
	if status != 400 || !strings.Contains(body, "not an envelope") {
		t.Fatalf("unsealed data: %d %s", status, body)
	}
}

func TestNewWebhookRequestSealsEncryptedClientEvents(t *testing.T) {
	srv := newServer(t, pushertest.WithEncryptionMasterKeyBase64(testMasterKey))
	c := newClient(t, srv)
	ev := pusher.WebhookEvent{Name: "client_event", Channel: "private-encrypted-chat", Event: "client-typing", Data: `{"who":"ada"}`, SocketID: "1.1"}
	req, err := srv.NewWebhookRequest("http://receiver.test/hook", ev)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(req.Body)
	if strings.Contains(string(body), "ada") || req.Method != http.MethodPost || req.URL.Host != "receiver.test" {
		t.Fatalf("%s %s: %s", req.Method, req.URL, body)
	}
	wh, err := c.VerifyWebhook(req.Header, body)
	if err != nil || len(wh.Events) != 1 || wh.Events[0].Data != `{"who":"ada"}` {
		t.Fatalf("VerifyWebhook = %+v, %v", wh, err)
	}
	if _, err := newServer(t).NewWebhookRequest("/hook", ev); err == nil {
		t.Fatal("an encrypted client event without the master key was built")
	}
}

func TestWebhookTimeComesFromTheClock(t *testing.T) {
	at := time.Unix(1_700_000_000, 0)
	srv := newServer(t, pushertest.WithClock(func() time.Time { return at }))
	req, err := srv.NewWebhookRequest("/hook", pusher.WebhookEvent{Name: "channel_vacated", Channel: "c"})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(req.Body)
	if !strings.HasPrefix(string(body), `{"time_ms":1700000000000,`) {
		t.Fatalf("body %s", body)
	}
	// Client shares the fake's clock, so the webhook is not too old for it.
	if _, err := newClient(t, srv).VerifyWebhook(req.Header, body); err != nil {
		t.Fatal(err)
	}
}

func TestIdempotencyKeys(t *testing.T) {
	srv := newServer(t, pushertest.WithIdempotencyKeys(120*time.Second))
	trigger := `{"name":"e","channel":"c","data":"d","idempotency_key":"k1"}`
	for range 3 {
		if status, body := send(t, srv, call{method: "POST", path: "/apps/1/events", body: trigger}); status != 200 || body != "{}" {
			t.Fatalf("%d %s", status, body)
		}
	}
	batch := `{"batch":[{"channel":"c","name":"e","data":"1"},{"channel":"c","name":"e","data":"2"}]}`
	for range 2 {
		c := call{method: "POST", path: "/apps/1/batch_events", body: batch, header: http.Header{"X-Idempotency-Key": {"k2"}}}
		if status, body := send(t, srv, c); status != 200 {
			t.Fatalf("%d %s", status, body)
		}
	}
	send(t, srv, call{method: "POST", path: "/apps/1/events", body: `{"name":"e","channel":"c","data":"no key"}`})
	send(t, srv, call{method: "POST", path: "/apps/1/events", body: `{"name":"e","channel":"c","data":"no key"}`})
	if got := len(srv.Events()); got != 1+2+2 {
		t.Fatalf("%d events recorded, want 5 (one trigger and one batch for their keys, both unkeyed ones)", got)
	}
	// Without the option keys mean nothing.
	plain := newServer(t)
	send(t, plain, call{method: "POST", path: "/apps/1/events", body: trigger})
	send(t, plain, call{method: "POST", path: "/apps/1/events", body: trigger})
	if got := len(plain.Events()); got != 2 {
		t.Fatalf("without WithIdempotencyKeys: %d events, want 2", got)
	}
	// A refused request leaves its key free; Reset forgets keys.
	srv.Reset()
	refused := `{"name":"","channel":"c","data":"d","idempotency_key":"k3"}`
	if status, _ := send(t, srv, call{method: "POST", path: "/apps/1/events", body: refused}); status != 400 {
		t.Fatalf("empty event name: %d", status)
	}
	send(t, srv, call{method: "POST", path: "/apps/1/events", body: `{"name":"e","channel":"c","data":"d","idempotency_key":"k3"}`})
	send(t, srv, call{method: "POST", path: "/apps/1/events", body: trigger})
	if got := len(srv.Events()); got != 2 {
		t.Fatalf("after Reset and a refused request: %d events, want 2", got)
	}
	// Copies arriving together are delivered once.
	srv.Reset()
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() { send(t, srv, call{method: "POST", path: "/apps/1/events", body: trigger}) })
	}
	wg.Wait()
	if got := len(srv.Events()); got != 1 {
		t.Fatalf("8 concurrent copies: %d events, want 1", got)
	}
	// A key is forgotten after its lifetime.
	now := time.Unix(1_700_000_000, 0)
	var clock = func() time.Time { return now }
	short := newServer(t, pushertest.WithIdempotencyKeys(time.Minute), pushertest.WithClock(clock), pushertest.WithMaxSkew(0))
	send(t, short, call{method: "POST", path: "/apps/1/events", body: trigger})
	now = now.Add(2 * time.Minute)
	send(t, short, call{method: "POST", path: "/apps/1/events", body: trigger})
	if got := len(short.Events()); got != 2 {
		t.Fatalf("after the key's lifetime: %d events, want 2", got)
	}
}
