package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/go-pusher/channels/signing"
	"go.uber.org/goleak"
)

// syncBuffer is a bytes.Buffer safe for one writer and one reader.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// waitFor polls until b holds s.
func (b *syncBuffer) waitFor(t *testing.T, s string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(b.String(), s) {
		if time.Now().After(deadline) {
			t.Fatalf("no %q within 5s in:\n%s", s, b.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// socketServer is a scripted Pusher-protocol WebSocket server: each
// connection runs script with a fresh socket id.
type socketServer struct {
	t      *testing.T
	srv    *httptest.Server
	mu     sync.Mutex
	conns  int
	script func(ctx context.Context, n int, c *testConn)
}

// testConn is the server's side of one connection.
type testConn struct {
	t        *testing.T
	ws       *websocket.Conn
	socketID string
}

func (c *testConn) send(ctx context.Context, msg map[string]any) {
	b, _ := json.Marshal(msg)
	if err := c.ws.Write(ctx, websocket.MessageText, b); err != nil {
		c.t.Errorf("server write: %v", err)
	}
}

func (c *testConn) read(ctx context.Context) map[string]any {
	_, b, err := c.ws.Read(ctx)
	if err != nil {
		c.t.Errorf("server read: %v", err)
		return nil
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		c.t.Errorf("client sent a message that is not JSON: %s", b)
	}
	return m
}

// establish sends pusher:connection_established.
func (c *testConn) establish(ctx context.Context) {
	data, _ := json.Marshal(map[string]any{"socket_id": c.socketID, "activity_timeout": 120})
	c.send(ctx, map[string]any{"event": "pusher:connection_established", "data": string(data)})
}

func newSocketServer(t *testing.T, script func(ctx context.Context, n int, c *testConn)) *socketServer {
	s := &socketServer{t: t, script: script}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/app/the-key" || r.URL.Query().Get("protocol") != "7" {
			t.Errorf("client connected to %s, want /app/the-key?protocol=7", r.URL)
		}
		ws, err := websocket.Accept(w, r, nil)
		if err != nil {
			t.Errorf("accept: %v", err)
			return
		}
		defer ws.CloseNow()
		s.mu.Lock()
		s.conns++
		n := s.conns
		s.mu.Unlock()
		s.script(r.Context(), n, &testConn{t: t, ws: ws, socketID: fmt.Sprintf("%d.%d", n, n)})
	}))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *socketServer) args(channels ...string) []string {
	host := strings.TrimPrefix(s.srv.URL, "http://")
	return append([]string{"--url", "http://the-key:the-secret@" + host + "/apps/1", "--socket-url", "ws://" + host, "listen"}, channels...)
}

// TestListenSignsAnswersPingsAndReconnects: listen signs a private
// subscription as the authorization helpers do, answers pusher:ping,
// reconnects and subscribes again after the server drops the
// connection, prints each event, and exits 0 when its context ends.
func TestListenSignsAnswersPingsAndReconnects(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	signer := signing.NewSigner("the-key", "the-secret")
	srv := newSocketServer(t, func(ctx context.Context, n int, c *testConn) {
		c.establish(ctx)
		sub := c.read(ctx)
		data, _ := sub["data"].(map[string]any)
		if sub["event"] != "pusher:subscribe" || data["channel"] != "private-ops" {
			t.Errorf("connection %d: first message %v, want pusher:subscribe to private-ops", n, sub)
		}
		if want := signer.ChannelAuth(c.socketID, "private-ops"); data["auth"] != want {
			t.Errorf("connection %d: auth %v, want %s", n, data["auth"], want)
		}
		c.send(ctx, map[string]any{"event": "pusher_internal:subscription_succeeded", "channel": "private-ops", "data": "{}"})
		c.send(ctx, map[string]any{"event": "pusher:ping", "data": "{}"})
		if pong := c.read(ctx); pong["event"] != "pusher:pong" {
			t.Errorf("connection %d: answer to ping %v, want pusher:pong", n, pong)
		}
		c.send(ctx, map[string]any{"event": "deploy", "channel": "private-ops", "data": fmt.Sprintf(`{"n":%d}`, n)})
		if n == 1 {
			return // drop the connection: the client must come back
		}
		_, _, _ = c.ws.Read(ctx) // hold the connection until the client closes it
	})

	var stdout, stderr syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	go func() {
		done <- run(ctx, append(srv.args("private-ops"), "--json"), strings.NewReader(""), &stdout, &stderr)
	}()
	stdout.waitFor(t, `{"channel":"private-ops","event":"deploy","data":"{\"n\":1}"}`)
	stdout.waitFor(t, `{"channel":"private-ops","event":"deploy","data":"{\"n\":2}"}`)
	stderr.waitFor(t, "reconnecting in")
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("listen exited %d after its context ended, want 0; stderr:\n%s", code, stderr.String())
		}
	case <-time.After(5 * time.Second):
		t.Fatal("listen did not return after its context ended")
	}
	srv.srv.Close()
}

// TestListenStopsOnFatalError: a pusher:error with a code in 4000-4099
// means "do not reconnect": listen exits 1 with the server's message.
func TestListenStopsOnFatalError(t *testing.T) {
	srv := newSocketServer(t, func(ctx context.Context, n int, c *testConn) {
		c.send(ctx, map[string]any{"event": "pusher:error", "data": map[string]any{"code": 4001, "message": "App key the-key not in this cluster"}})
	})
	var stdout, stderr syncBuffer
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if code := run(ctx, srv.args("orders"), strings.NewReader(""), &stdout, &stderr); code != 1 {
		t.Fatalf("listen exited %d, want 1; stderr:\n%s", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), "server error 4001: App key the-key not in this cluster") {
		t.Errorf("stderr = %q, want the server's error", stderr.String())
	}
	srv.mu.Lock()
	defer srv.mu.Unlock()
	if srv.conns != 1 {
		t.Errorf("listen connected %d times, want 1 (no reconnection)", srv.conns)
	}
}

// TestSocketURL: the service's API host becomes its socket host; a
// self-hosted server keeps its host and port.
func TestSocketURL(t *testing.T) {
	for _, tc := range []struct {
		cfg  appConfig
		want string
	}{
		{appConfig{key: "k", host: "api-eu.pusher.com", tls: true}, "wss://ws-eu.pusher.com/app/k?"},
		{appConfig{key: "k", host: "api-mt1.pusher.com:443", tls: true}, "wss://ws-mt1.pusher.com:443/app/k?"},
		{appConfig{key: "app-key", host: "127.0.0.1:6001"}, "ws://127.0.0.1:6001/app/app-key?"},
	} {
		got, err := socketURL(tc.cfg, "")
		if err != nil || !strings.HasPrefix(got, tc.want) || !strings.Contains(got, "protocol=7") {
			t.Errorf("socketURL(%s) = %q, %v; want %s…protocol=7", tc.cfg.host, got, err, tc.want)
		}
	}
}
