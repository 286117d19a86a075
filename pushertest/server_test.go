package pushertest_test

import (
	"context"
	"crypto/tls"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/pushertest"
	"github.com/go-pusher/channels/signing"
)

func TestServerBasics(t *testing.T) {
	srv := newServer(t)
	if !strings.HasPrefix(srv.URL(), "http://127.0.0.1:") || srv.URL() != "http://"+srv.Host() {
		t.Fatalf("URL %q Host %q", srv.URL(), srv.Host())
	}
	if srv.App() != pushertest.DefaultApp() {
		t.Fatalf("App = %v", srv.App())
	}
	app := pushertest.App{ID: "7", Key: "k", Secret: "super-secret"}
	for _, s := range []string{fmt.Sprintf("%v %+v %#v %s", app, app, app, app)} {
		if strings.Contains(s, "super-secret") {
			t.Fatalf("App printing leaks the secret: %s", s)
		}
	}
}

func TestRequestsAndReset(t *testing.T) {
	srv := newServer(t)
	send(t, srv, call{method: "POST", path: "/apps/1/events", body: `{"name":"e","channel":"c","data":"d"}`})
	send(t, srv, call{method: "GET", path: "/apps/1/channels", signer: signing.NewSigner("fake-key", "bad")})
	reqs := srv.Requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests recorded", len(reqs))
	}
	r0, r1 := reqs[0], reqs[1]
	if r0.Method != "POST" || r0.Path != "/apps/1/events" || r0.Status != 200 || string(r0.Body) != `{"name":"e","channel":"c","data":"d"}` ||
		!strings.Contains(r0.RawQuery, "body_md5=") || string(r0.Response) != "{}" || r0.Header["Content-Type"][0] != "application/json" {
		t.Fatalf("request 0 = %+v", r0)
	}
	if r1.Method != "GET" || r1.Status != 401 || len(r1.Body) != 0 {
		t.Fatalf("request 1 = %+v", r1)
	}
	mustSubscribe(t, srv, "news", "1.1", nil)
	srv.QueueResponse(500, "boom")
	srv.Reset()
	if len(srv.Requests())+len(srv.Events())+len(srv.TerminatedUsers()) != 0 {
		t.Fatal("Reset left records")
	}
	status, body := send(t, srv, call{method: "GET", path: "/apps/1/channels"})
	if status != 200 {
		t.Fatalf("Reset left a queued response: %d %s", status, body)
	}
	jsonEq(t, body, `{"channels":{}}`)
}

func TestQueueResponse(t *testing.T) {
	srv := newServer(t)
	srv.QueueResponse(503, "try later")
	srv.QueueResponse(200, `{"error":"Invalid signature","code":401}`)
	trigger := call{method: "POST", path: "/apps/1/events", body: `{"name":"e","channel":"c","data":"d"}`}

	bad := trigger
	bad.signer = signing.NewSigner("fake-key", "wrong")
	if status, _ := send(t, srv, bad); status != 401 {
		t.Fatalf("bad signature should still be 401, got %d", status)
	}
	if status, body := send(t, srv, trigger); status != 503 || body != "try later" {
		t.Fatalf("first queued: %d %q", status, body)
	}
	if status, body := send(t, srv, trigger); status != 200 || body != `{"error":"Invalid signature","code":401}` {
		t.Fatalf("second queued: %d %q", status, body)
	}
	if len(srv.Events()) != 0 {
		t.Fatal("a request answered from the queue recorded events")
	}
	if status, body := send(t, srv, trigger); status != 200 || body != "{}" {
		t.Fatalf("after the queue: %d %q", status, body)
	}
}

func TestSignWebhook(t *testing.T) {
	srv := newServer(t)
	body := []byte(`{"time_ms":1,"events":[{"name":"channel_occupied","channel":"c"}]}`)
	h := srv.SignWebhook(body)
	s := signing.NewSigner(srv.App().Key, srv.App().Secret)
	if h.Get("X-Pusher-Key") != "fake-key" || !s.VerifyWebhook(body, h.Get("X-Pusher-Signature")) || h.Get("Content-Type") != "application/json" {
		t.Fatalf("headers %v", h)
	}
	if s.VerifyWebhook(append(body, ' '), h.Get("X-Pusher-Signature")) {
		t.Fatal("signature should not cover a different body")
	}
}

func TestTLS(t *testing.T) {
	srv := newServer(t, pushertest.WithTLS())
	if !strings.HasPrefix(srv.URL(), "https://127.0.0.1:") {
		t.Fatalf("URL %q", srv.URL())
	}
	u := signedURL(srv, "GET", "/apps/1/channels")
	if _, err := http.Get(u); err == nil {
		t.Fatal("default client should not trust the fake's certificate")
	}
	resp, err := srv.HTTPClient().Get(u)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.TLS == nil || resp.TLS.Version < tls.VersionTLS12 {
		t.Fatalf("status %d TLS %v", resp.StatusCode, resp.TLS)
	}
	c, err := srv.Client()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Channels(context.Background(), pusher.ChannelsOptions{}); err != nil {
		t.Fatalf("Client over TLS: %v", err)
	}
	if !strings.HasPrefix(srv.PusherURL(), "https://fake-key:fake-secret@127.0.0.1:") {
		t.Fatalf("PusherURL %q", srv.PusherURL())
	}
}

func TestConcurrentUse(t *testing.T) {
	srv := newServer(t)
	const workers, perWorker = 8, 20
	var wg sync.WaitGroup
	errs := make(chan string, workers*perWorker)
	for w := range workers {
		wg.Go(func() {
			for i := range perWorker {
				sock := fmt.Sprintf("%d.%d", w, i)
				if err := srv.Subscribe("presence-room", sock, &pusher.Member{UserID: fmt.Sprint(w)}); err != nil {
					errs <- err.Error()
				}
				status, body := send(t, srv, call{method: "POST", path: "/apps/1/events",
					body: fmt.Sprintf(`{"name":"e","channels":["presence-room","c%d"],"data":"%d","info":"user_count"}`, w, i)})
				if status != 200 {
					errs <- body
				}
				status, body = send(t, srv, call{method: "GET", path: "/apps/1/channels/presence-room/users"})
				if status != 200 {
					errs <- body
				}
				_ = srv.Events()
				_ = srv.Requests()
				if i%5 == 0 {
					srv.Unsubscribe("presence-room", sock)
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if got := len(srv.Events()); got != workers*perWorker*2 {
		t.Fatalf("%d events recorded, want %d", got, workers*perWorker*2)
	}
	if got := len(srv.Requests()); got != workers*perWorker*2 {
		t.Fatalf("%d requests recorded, want %d", got, workers*perWorker*2)
	}
	status, body := send(t, srv, call{method: "GET", path: "/apps/1/channels/presence-room", params: []signing.Param{{Key: "info", Value: "user_count,subscription_count"}}})
	mustJSON(t, status, body, new(any))
	jsonEq(t, body, fmt.Sprintf(`{"occupied":true,"user_count":%d,"subscription_count":%d}`, workers, workers*(perWorker-perWorker/5)))
}
