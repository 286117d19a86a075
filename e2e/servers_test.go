//go:build e2e

package e2e

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/valyala/fasthttp"

	"github.com/go-pusher/channels/handler"
	fasthttphandler "github.com/go-pusher/channels/handler/fasthttp"
	"github.com/go-pusher/channels/pusher"
)

// netHTTPServers mounts package handler's handlers on httptest servers
// (which bind 127.0.0.1).
func netHTTPServers() servers {
	return servers{name: "net/http", webhooks: netHTTPWebhooks, auth: netHTTPAuth}
}

func netHTTPWebhooks(t *testing.T, c *pusher.Client, hooks *hookLog) string {
	t.Helper()
	receiver, err := handler.NewWebhookReceiver(c, hooks.receive)
	if err != nil {
		t.Fatalf("NewWebhookReceiver: %v", err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sw := &statusWriter{ResponseWriter: w}
		receiver.ServeHTTP(sw, r)
		hooks.answered(sw.status)
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/webhooks"
}

func netHTTPAuth(t *testing.T, c *pusher.Client, calls *authLog) string {
	t.Helper()
	channels, err := handler.NewChannelAuthorizer(c, func(r *http.Request, req handler.ChannelRequest) (*pusher.Member, error) {
		return decideChannel(calls, r.Header.Get(userHeader), req)
	})
	if err != nil {
		t.Fatalf("NewChannelAuthorizer: %v", err)
	}
	users, err := handler.NewUserAuthenticator(c, func(r *http.Request, req handler.UserRequest) (pusher.User, error) {
		return decideUser(calls, r.Header.Get(userHeader), req)
	})
	if err != nil {
		t.Fatalf("NewUserAuthenticator: %v", err)
	}
	mux := http.NewServeMux()
	mux.Handle("/auth/channel", channels)
	mux.Handle("/auth/user", users)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL
}

// fastHTTPServers mounts package handler/fasthttp's handlers on
// fasthttp.Servers listening on 127.0.0.1.
func fastHTTPServers() servers {
	return servers{name: "fasthttp", webhooks: fastHTTPWebhooks, auth: fastHTTPAuth}
}

func fastHTTPWebhooks(t *testing.T, c *pusher.Client, hooks *hookLog) string {
	t.Helper()
	receiver, err := fasthttphandler.NewWebhookReceiver(c, hooks.receive)
	if err != nil {
		t.Fatalf("fasthttp NewWebhookReceiver: %v", err)
	}
	return serveFastHTTP(t, func(ctx *fasthttp.RequestCtx) {
		receiver(ctx)
		hooks.answered(ctx.Response.StatusCode())
	}) + "/webhooks"
}

func fastHTTPAuth(t *testing.T, c *pusher.Client, calls *authLog) string {
	t.Helper()
	channels, err := fasthttphandler.NewChannelAuthorizer(c, func(ctx *fasthttp.RequestCtx, req handler.ChannelRequest) (*pusher.Member, error) {
		return decideChannel(calls, string(ctx.Request.Header.Peek(userHeader)), req)
	})
	if err != nil {
		t.Fatalf("fasthttp NewChannelAuthorizer: %v", err)
	}
	users, err := fasthttphandler.NewUserAuthenticator(c, func(ctx *fasthttp.RequestCtx, req handler.UserRequest) (pusher.User, error) {
		return decideUser(calls, string(ctx.Request.Header.Peek(userHeader)), req)
	})
	if err != nil {
		t.Fatalf("fasthttp NewUserAuthenticator: %v", err)
	}
	return serveFastHTTP(t, func(ctx *fasthttp.RequestCtx) {
		switch string(ctx.Path()) {
		case "/auth/channel":
			channels(ctx)
		case "/auth/user":
			users(ctx)
		default:
			ctx.Error("not found", fasthttp.StatusNotFound)
		}
	})
}

// serveFastHTTP serves h on a fasthttp.Server listening on 127.0.0.1 and
// returns its base URL; t.Cleanup shuts it down and waits for it.
func serveFastHTTP(t *testing.T, h fasthttp.RequestHandler) string {
	t.Helper()
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	srv := &fasthttp.Server{Handler: h, Name: "e2e"}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), waitTimeout)
		defer cancel()
		if err := srv.ShutdownWithContext(ctx); err != nil {
			t.Errorf("fasthttp server shutdown: %v", err)
		}
		// Shutdown closes only the listeners Serve has registered: one
		// that has not run yet would serve on forever. Closing ln ends it
		// either way.
		_ = ln.Close()
		if err := <-done; err != nil && !errors.Is(err, net.ErrClosed) {
			t.Errorf("fasthttp server: %v", err)
		}
	})
	return "http://" + ln.Addr().String()
}
