package handler_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/go-pusher/channels/handler"
	"github.com/go-pusher/channels/handler/internal/handlertest"
	"github.com/go-pusher/channels/pusher"
)

// discardWriter is a ResponseWriter that keeps nothing, so the benchmarks
// measure the handler rather than the recorder.
type discardWriter struct {
	h      http.Header
	status int
}

func (w *discardWriter) Header() http.Header         { return w.h }
func (w *discardWriter) Write(p []byte) (int, error) { return len(p), nil }
func (w *discardWriter) WriteHeader(status int)      { w.status = status }

func benchServe(b *testing.B, h http.Handler, contentType string, header http.Header, body []byte) {
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	w := &discardWriter{h: http.Header{}}
	r := httptest.NewRequest(http.MethodPost, "/", nil)
	r.Header.Set("Content-Type", contentType)
	for k, v := range header {
		r.Header[k] = v
	}
	r.ContentLength = int64(len(body))
	rd := bytes.NewReader(body)
	for b.Loop() {
		rd.Reset(body)
		r.Body = io.NopCloser(rd)
		clear(w.h)
		h.ServeHTTP(w, r)
		if w.status != http.StatusOK {
			b.Fatalf("status %d", w.status)
		}
	}
}

func BenchmarkChannelAuthorizerPrivate(b *testing.B) {
	h, _ := handler.NewChannelAuthorizer(handlertest.NewClient(b), func(*http.Request, handler.ChannelRequest) (*pusher.Member, error) {
		return nil, nil
	})
	benchServe(b, h, handlertest.FormType, nil, handlertest.Form("socket_id", "123.456", "channel_name", "private-room"))
}

func BenchmarkChannelAuthorizerPresence(b *testing.B) {
	h, _ := handler.NewChannelAuthorizer(handlertest.NewClient(b), func(*http.Request, handler.ChannelRequest) (*pusher.Member, error) {
		return &pusher.Member{UserID: "10", UserInfo: map[string]string{"name": "Ann"}}, nil
	})
	benchServe(b, h, handlertest.FormType, nil, handlertest.Form("socket_id", "123.456", "channel_name", "presence-room"))
}

func BenchmarkWebhookReceiver(b *testing.B) {
	h, _ := handler.NewWebhookReceiver(handlertest.NewClient(b), func(context.Context, *pusher.Webhook) error { return nil })
	body := []byte(handlertest.WebhookBody)
	benchServe(b, h, "application/json", handlertest.SignedWebhook(body), body)
}
