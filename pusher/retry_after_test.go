package pusher_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/transport"
	fasthttpdoer "github.com/go-pusher/channels/transport/fasthttp"
	"github.com/go-pusher/channels/transport/nethttp"
)

// TestRetryAfterOnEmbeddedError: a 200 whose body carries an embedded 429
// and a Retry-After longer than the retry policy allows is not retried, on
// every transport (the fast path included, which leaves most of a
// success's headers out): the wait it asks for is honoured, not replaced
// by the backoff. With the header lost the trigger would be retried at
// once and succeed.
func TestRetryAfterOnEmbeddedError(t *testing.T) {
	for name, newDoer := range map[string]func() transport.Doer{
		"fasthttp": func() transport.Doer { return fasthttpdoer.New() },
		"nethttp":  func() transport.Doer { return nethttp.New() },
	} {
		t.Run(name, func(t *testing.T) {
			var requests atomic.Int32
			s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				_, _ = io.ReadAll(r.Body)
				if requests.Add(1) == 1 {
					w.Header().Set("Retry-After", "30")
					_, _ = io.WriteString(w, `{"error":"slow down","code":429}`)
					return
				}
				_, _ = io.WriteString(w, `{}`)
			}))
			defer s.Close()
			d := newDoer()
			defer closeIdle(d)
			c, err := pusher.New("1", "key", "secret", pusher.WithHost(strings.TrimPrefix(s.URL, "http://")), pusher.WithTLS(false),
				pusher.WithTransport(d), pusher.WithRetry(pusher.RetryPolicy{
					MaxAttempts: 3, MaxElapsed: 5 * time.Second, Backoff: func(int) time.Duration { return 0 },
				}))
			if err != nil {
				t.Fatal(err)
			}
			for range 3 { // the pooled Response is lent again each time
				requests.Store(0)
				_, err = c.Trigger(context.Background(), "a-channel", "an-event", "data")
				var apiErr *pusher.APIError
				if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusTooManyRequests {
					t.Fatalf("Trigger: %v, want the embedded 429 as an *APIError", err)
				}
				if n := requests.Load(); n != 1 {
					t.Fatalf("server saw %d requests, want 1: Retry-After: 30 is past MaxElapsed", n)
				}
			}
		})
	}
}

// closeIdle closes d's idle connections if it keeps any.
func closeIdle(d transport.Doer) {
	if ic, ok := d.(transport.IdleCloser); ok {
		ic.CloseIdleConnections()
	}
}
