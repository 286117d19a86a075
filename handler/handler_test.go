package handler_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/go-pusher/channels/handler"
	"github.com/go-pusher/channels/handler/dedupe"
	"github.com/go-pusher/channels/handler/internal/handlertest"
	"github.com/go-pusher/channels/pusher"
)

func TestConstructorsRefuseBadConfig(t *testing.T) {
	c := handlertest.NewClient(t)
	allow := func(*http.Request, handler.ChannelRequest) (*pusher.Member, error) { return nil, nil }
	user := func(*http.Request, handler.UserRequest) (pusher.User, error) { return pusher.User{ID: "1"}, nil }
	receive := func(context.Context, *pusher.Webhook) error { return nil }
	cases := map[string]func() (http.Handler, error){
		"channel: nil client":   func() (http.Handler, error) { return handler.NewChannelAuthorizer(nil, allow) },
		"channel: nil callback": func() (http.Handler, error) { return handler.NewChannelAuthorizer(c, nil) },
		"channel: zero cap": func() (http.Handler, error) {
			return handler.NewChannelAuthorizer(c, allow, handler.WithMaxBodyBytes(0))
		},
		"user: nil client":   func() (http.Handler, error) { return handler.NewUserAuthenticator(nil, user) },
		"user: nil callback": func() (http.Handler, error) { return handler.NewUserAuthenticator(c, nil) },
		"user: negative cap": func() (http.Handler, error) {
			return handler.NewUserAuthenticator(c, user, handler.WithMaxBodyBytes(-1))
		},
		"channel: deduplication": func() (http.Handler, error) {
			return handler.NewChannelAuthorizer(c, allow, handler.WithDeduplication(memoryStore(t)))
		},
		"user: deduplication": func() (http.Handler, error) {
			return handler.NewUserAuthenticator(c, user, handler.WithDeduplication(memoryStore(t)))
		},
		"webhook: nil client":   func() (http.Handler, error) { return handler.NewWebhookReceiver(nil, receive) },
		"webhook: nil callback": func() (http.Handler, error) { return handler.NewWebhookReceiver(c, nil) },
		// A nil store of a type (NewMemory's, its error ignored) would
		// fail every delivery (redisdedupe's tests refuse its zero Store).
		"webhook: nil *dedupe.Memory": func() (http.Handler, error) {
			return handler.NewWebhookReceiver(c, receive, handler.WithDeduplication((*dedupe.Memory)(nil)))
		},
	}
	for name, build := range cases {
		h, err := build()
		if !errors.Is(err, handler.ErrConfig) || h != nil {
			t.Errorf("%s: got (%v, %v), want (nil, ErrConfig)", name, h, err)
		}
	}
	// A zero Option is skipped and a nil logger means the default (none):
	// neither is an error nor a panic.
	if _, err := handler.NewChannelAuthorizer(c, allow, handler.Option{}, handler.WithLogger(nil)); err != nil {
		t.Errorf("zero option, nil logger: %v", err)
	}
	if _, err := handler.NewChannelAuthorizer(c, allow, handler.WithDeduplication(nil)); err != nil {
		t.Errorf("nil store: %v", err)
	}
	// The zero dedupe.Memory has the defaults.
	if _, err := handler.NewWebhookReceiver(c, receive, handler.WithDeduplication(&dedupe.Memory{})); err != nil {
		t.Errorf("zero dedupe.Memory: %v", err)
	}
}

// memoryStore is a fresh in-memory deduplication store.
func memoryStore(t *testing.T) *dedupe.Memory {
	m, err := dedupe.NewMemory(dedupe.MemoryConfig{})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// failingBody fails after giving part of a body, as a dropped connection does.
type failingBody struct{ sent bool }

func (b *failingBody) Read(p []byte) (int, error) {
	if b.sent {
		return 0, errors.New("connection reset")
	}
	b.sent = true
	return copy(p, "socket_id=1.2&chan"), nil
}

func TestUnreadableBodyIs400(t *testing.T) {
	called := false
	h, err := handler.NewChannelAuthorizer(handlertest.NewClient(t), func(*http.Request, handler.ChannelRequest) (*pusher.Member, error) {
		called = true
		return nil, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest(http.MethodPost, "/auth", &failingBody{})
	r.Header.Set("Content-Type", handlertest.FormType)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != http.StatusBadRequest || w.Body.String() != "cannot read body\n" || called {
		t.Errorf("got %d %q (callback called: %v), want 400 without callback", w.Code, w.Body, called)
	}
}

// countingBody counts the reads of a body.
type countingBody struct{ reads int }

func (b *countingBody) Read([]byte) (int, error) { b.reads++; return 0, io.EOF }

func TestDeclaredOversizeIsRefusedUnread(t *testing.T) {
	c := handlertest.NewClient(t)
	ch, err := handler.NewChannelAuthorizer(c, func(*http.Request, handler.ChannelRequest) (*pusher.Member, error) { return nil, nil })
	if err != nil {
		t.Fatal(err)
	}
	wh, err := handler.NewWebhookReceiver(c, func(context.Context, *pusher.Webhook) error { return nil }, handler.WithMaxBodyBytes(100))
	if err != nil {
		t.Fatal(err)
	}
	for name, tc := range map[string]struct {
		h    http.Handler
		size int64
	}{"channel": {ch, handler.DefaultMaxAuthBodyBytes + 1}, "webhook": {wh, 101}} {
		body := &countingBody{}
		r := httptest.NewRequest(http.MethodPost, "/", body)
		r.Header.Set("Content-Type", handlertest.FormType)
		r.ContentLength = tc.size
		w := httptest.NewRecorder()
		tc.h.ServeHTTP(w, r)
		if w.Code != http.StatusRequestEntityTooLarge || body.reads != 0 {
			t.Errorf("%s: status %d after %d reads, want 413 unread", name, w.Code, body.reads)
		}
	}
}
