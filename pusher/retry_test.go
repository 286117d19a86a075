package pusher_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/pushertest"
	"github.com/go-pusher/channels/transport"
)

// noWait is a backoff that retries at once.
func noWait(int) time.Duration { return 0 }

// refused is the error a dial to a closed port gives.
var refused = &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}

// statusResponse is an answer with status and optional Retry-After.
func statusResponse(status int, retryAfter string) *transport.Response {
	h := http.Header{}
	if retryAfter != "" {
		h.Set("Retry-After", retryAfter)
	}
	return &transport.Response{StatusCode: status, Header: h, Body: []byte(http.StatusText(status))}
}

// failThen answers the first n calls with fail, then 200 {}.
func failThen(n int, fail func() (*transport.Response, error)) func(int, captured) (*transport.Response, error) {
	return func(call int, _ captured) (*transport.Response, error) {
		if call <= n {
			return fail()
		}
		return okResponse("{}"), nil
	}
}

func TestRetryPolicyDecisions(t *testing.T) {
	ctx := context.Background()
	trigger := func(c *pusher.Client) error { _, err := c.Trigger(ctx, "ch", "ev", "x"); return err }
	channels := func(c *pusher.Client) error { _, err := c.Channels(ctx, pusher.ChannelsOptions{}); return err }
	unavailable := func() (*transport.Response, error) { return statusResponse(503, ""), nil }
	tests := []struct {
		name      string
		retryIf   pusher.RetryFunc
		fail      func() (*transport.Response, error)
		call      func(c *pusher.Client) error
		wantCalls int
		wantErr   error
	}{
		{"GET after two network errors", nil, func() (*transport.Response, error) { return nil, io.ErrUnexpectedEOF }, channels, 3, nil},
		{"POST after two refused connections", nil, func() (*transport.Response, error) { return nil, refused }, trigger, 3, nil},
		{"GET on 503", nil, unavailable, channels, 3, nil},
		{"POST on 429", nil, func() (*transport.Response, error) { return statusResponse(429, ""), nil }, trigger, 3, nil},
		{"POST not on 503 (idempotent)", pusher.RetryIdempotent, unavailable, trigger, 1, pusher.ErrServerError},
		{"POST not on a lost answer (idempotent)", pusher.RetryIdempotent, func() (*transport.Response, error) { return nil, io.ErrUnexpectedEOF }, trigger, 1, io.ErrUnexpectedEOF},
		{"POST on 503 with RetryAll", pusher.RetryAll, unavailable, trigger, 3, nil},
		{"POST on a lost answer with RetryAll", pusher.RetryAll, func() (*transport.Response, error) { return nil, io.ErrUnexpectedEOF }, trigger, 3, nil},
		{"never on 400", pusher.RetryAll, func() (*transport.Response, error) { return statusResponse(400, ""), nil }, channels, 1, pusher.ErrBadRequest},
		{"never on 401", pusher.RetryAll, func() (*transport.Response, error) { return statusResponse(401, ""), nil }, trigger, 1, pusher.ErrUnauthorized},
		{"never on a cancelled context", pusher.RetryAll, func() (*transport.Response, error) { return nil, context.Canceled }, channels, 1, context.Canceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, d := newRecordingClient(t, pusher.WithRetry(pusher.RetryPolicy{MaxAttempts: 5, Backoff: noWait, RetryIf: tt.retryIf}))
			d.respond = failThen(2, tt.fail)
			err := tt.call(c)
			if tt.wantErr == nil && err != nil {
				t.Errorf("err = %v, want success", err)
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("err = %v, want %v", err, tt.wantErr)
			}
			if d.Calls() != tt.wantCalls {
				t.Errorf("%d attempts, want %d", d.Calls(), tt.wantCalls)
			}
		})
	}
}

func TestNoRetryByDefault(t *testing.T) {
	c, d := newRecordingClient(t)
	d.respond = failThen(5, func() (*transport.Response, error) { return statusResponse(503, ""), nil })
	if _, err := c.Channels(context.Background(), pusher.ChannelsOptions{}); !errors.Is(err, pusher.ErrServerError) {
		t.Errorf("err = %v", err)
	}
	if d.Calls() != 1 {
		t.Errorf("%d attempts without WithRetry", d.Calls())
	}
}

func TestRetryStopsAtMaxAttempts(t *testing.T) {
	c, d := newRecordingClient(t, pusher.WithRetry(pusher.RetryPolicy{MaxAttempts: 3, Backoff: noWait}))
	d.respond = failThen(100, func() (*transport.Response, error) { return statusResponse(502, ""), nil })
	_, err := c.Channels(context.Background(), pusher.ChannelsOptions{})
	var apiErr *pusher.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 502 {
		t.Errorf("err = %v, want the last 502", err)
	}
	if d.Calls() != 3 {
		t.Errorf("%d attempts, want 3", d.Calls())
	}
}

// steppingClock advances one second each time it is read.
type steppingClock struct{ n atomic.Int64 }

func (s *steppingClock) Now() time.Time { return time.Unix(1_700_000_000+s.n.Add(1), 0) }

func TestRetriedAttemptsAreSignedAfresh(t *testing.T) {
	srv := newFake(t, pushertest.WithMaxSkew(0))
	var clock steppingClock
	c := newFakeClient(t, srv, nil, pusher.WithClock(clock.Now), pusher.WithRetry(pusher.RetryPolicy{MaxAttempts: 4, Backoff: noWait, RetryIf: pusher.RetryAll}))
	srv.QueueResponse(503, "busy")
	srv.QueueResponse(503, "busy")
	if _, err := c.Trigger(context.Background(), "ch", "ev", "retried"); err != nil {
		t.Fatalf("Trigger: %v", err)
	}
	reqs := srv.Requests()
	if len(reqs) != 3 {
		t.Fatalf("%d requests, want 3", len(reqs))
	}
	var last int64
	sigs := map[string]bool{}
	for i, r := range reqs {
		q, _ := url.ParseQuery(r.RawQuery)
		ts, _ := strconv.ParseInt(q.Get("auth_timestamp"), 10, 64)
		if ts <= last {
			t.Errorf("attempt %d signed at %d, not after %d", i+1, ts, last)
		}
		last = ts
		sigs[q.Get("auth_signature")] = true
		if !bytes.Equal(r.Body, reqs[0].Body) {
			t.Errorf("attempt %d sent another body: %s", i+1, r.Body)
		}
	}
	if len(sigs) != 3 {
		t.Errorf("%d distinct signatures over 3 attempts", len(sigs))
	}
	if n := len(srv.Events()); n != 1 {
		t.Errorf("%d events accepted, want 1", n)
	}
	if reqs[2].Status != 200 {
		t.Errorf("last attempt answered %d", reqs[2].Status)
	}
}

func TestRetryOnGETAgainstFake(t *testing.T) {
	srv := newFake(t)
	c := newFakeClient(t, srv, nil, pusher.WithRetry(pusher.RetryPolicy{MaxAttempts: 3, Backoff: noWait}))
	srv.QueueResponse(503, "busy")
	srv.QueueResponse(500, "oops")
	if _, err := c.Channel(context.Background(), "ch"); err != nil {
		t.Fatalf("Channel: %v", err)
	}
	if n := len(srv.Requests()); n != 3 {
		t.Errorf("%d requests, want 3", n)
	}
	// A trigger is not retried on 503 by default.
	srv.QueueResponse(503, "busy")
	if _, err := c.Trigger(context.Background(), "ch", "ev", "x"); !errors.Is(err, pusher.ErrServerError) {
		t.Errorf("Trigger on 503: %v", err)
	}
	if n := len(srv.Requests()); n != 4 {
		t.Errorf("%d requests, want 4 (the trigger sent once)", n)
	}
}

func TestRetryAfterIsRespected(t *testing.T) {
	var times []time.Time
	c, d := newRecordingClient(t, pusher.WithRetry(pusher.RetryPolicy{MaxAttempts: 2, Backoff: noWait}))
	d.respond = func(call int, _ captured) (*transport.Response, error) {
		times = append(times, time.Now()) // calls are sequential
		if call == 1 {
			return statusResponse(503, "1"), nil
		}
		return okResponse("{}"), nil
	}
	if _, err := c.Channels(context.Background(), pusher.ChannelsOptions{}); err != nil {
		t.Fatal(err)
	}
	if len(times) != 2 {
		t.Fatalf("%d attempts", len(times))
	}
	// A lower bound only: the client must not retry before it was told to.
	if gap := times[1].Sub(times[0]); gap < 950*time.Millisecond {
		t.Errorf("retried %v after a Retry-After of 1s", gap)
	}
}

func TestRetryAfterBeyondDeadlineStopsAtOnce(t *testing.T) {
	c, d := newRecordingClient(t, pusher.WithRetry(pusher.RetryPolicy{MaxAttempts: 5, Backoff: noWait}))
	d.respond = failThen(10, func() (*transport.Response, error) { return statusResponse(503, "3600"), nil })
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := c.Channels(ctx, pusher.ChannelsOptions{})
	if !errors.Is(err, pusher.ErrServerError) {
		t.Errorf("err = %v", err)
	}
	if d.Calls() != 1 {
		t.Errorf("%d attempts; a retry could not have started before the deadline", d.Calls())
	}
	if ctx.Err() != nil {
		t.Error("waited until the deadline instead of giving up")
	}
}

func TestRetryStopsAtContextDeadline(t *testing.T) {
	c, d := newRecordingClient(t, pusher.WithRetry(pusher.RetryPolicy{MaxAttempts: 1_000_000,
		Backoff: func(int) time.Duration { return 5 * time.Millisecond }}))
	d.respond = failThen(1_000_000, func() (*transport.Response, error) { return statusResponse(503, ""), nil })
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := c.Channels(ctx, pusher.ChannelsOptions{})
	if !errors.Is(err, pusher.ErrServerError) {
		t.Errorf("err = %v, want the last 503", err)
	}
	if n := d.Calls(); n < 2 || n >= 1_000_000 {
		t.Errorf("%d attempts", n)
	}
}

func TestRetryWaitCutShortByCancel(t *testing.T) {
	c, d := newRecordingClient(t, pusher.WithRetry(pusher.RetryPolicy{MaxAttempts: 3,
		Backoff: func(int) time.Duration { return time.Hour }}), pusher.WithTimeout(0))
	ctx, cancel := context.WithCancel(context.Background())
	d.respond = func(int, captured) (*transport.Response, error) {
		time.AfterFunc(20*time.Millisecond, cancel)
		return statusResponse(503, ""), nil
	}
	_, err := c.Channels(ctx, pusher.ChannelsOptions{})
	if !errors.Is(err, context.Canceled) || !errors.Is(err, pusher.ErrServerError) {
		t.Errorf("err = %v, want both context.Canceled and the 503", err)
	}
	if d.Calls() != 1 {
		t.Errorf("%d attempts", d.Calls())
	}
}

func TestRetryMaxElapsed(t *testing.T) {
	c, d := newRecordingClient(t, pusher.WithRetry(pusher.RetryPolicy{MaxAttempts: 100, MaxElapsed: 50 * time.Millisecond,
		Backoff: func(int) time.Duration { return 20 * time.Millisecond }}))
	d.respond = failThen(1000, func() (*transport.Response, error) { return statusResponse(503, ""), nil })
	if _, err := c.Channels(context.Background(), pusher.ChannelsOptions{}); !errors.Is(err, pusher.ErrServerError) {
		t.Errorf("err = %v", err)
	}
	if n := d.Calls(); n < 2 || n > 4 {
		t.Errorf("%d attempts within a 50ms budget of 20ms waits", n)
	}
}

func TestExponentialBackoff(t *testing.T) {
	b := pusher.ExponentialBackoff(100*time.Millisecond, time.Second)
	for attempt := 1; attempt <= 10; attempt++ {
		full := min(100*time.Millisecond<<(attempt-1), time.Second)
		for range 50 {
			if got := b(attempt); got < full/2 || got > full {
				t.Fatalf("attempt %d waited %v, want within [%v, %v]", attempt, got, full/2, full)
			}
		}
	}
	if got := pusher.ExponentialBackoff(0, time.Second)(3); got != 0 {
		t.Errorf("zero base waited %v", got)
	}
}

func TestRetriesAreLoggedAtWarn(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelWarn}))
	c, d := newRecordingClient(t, pusher.WithLogger(logger), pusher.WithRetry(pusher.RetryPolicy{MaxAttempts: 2, Backoff: noWait}))
	d.respond = failThen(1, func() (*transport.Response, error) { return statusResponse(503, ""), nil })
	if _, err := c.Channels(context.Background(), pusher.ChannelsOptions{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.Contains(out, "level=WARN") || !strings.Contains(out, "pusher retry") || !strings.Contains(out, "attempt=1") {
		t.Errorf("log:\n%s", out)
	}
	if strings.Contains(out, "level=DEBUG") {
		t.Errorf("debug lines at warn level:\n%s", out)
	}
}
