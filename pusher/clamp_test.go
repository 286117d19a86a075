package pusher_test

import (
	"context"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/transport"
)

// TestHugeRetryAfterDoesNotWrap: a Retry-After too large for a Duration
// means "longer than anything", not a wrapped-around short wait.
func TestHugeRetryAfterDoesNotWrap(t *testing.T) {
	for _, v := range []string{"18446744074", "9223372037", "99999999999999999999"} {
		c, d := newRecordingClient(t, pusher.WithRetry(pusher.RetryPolicy{MaxAttempts: 2, Backoff: noWait}))
		d.respond = func(int, captured) (*transport.Response, error) { return statusResponse(503, v), nil }
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		_, err := c.Channels(ctx, pusher.ChannelsOptions{})
		cancel()
		if !errors.Is(err, pusher.ErrServerError) {
			t.Errorf("Retry-After %s: err = %v", v, err)
		}
		if d.Calls() != 1 {
			t.Errorf("Retry-After %s: %d attempts, want 1 (the wait is beyond the deadline)", v, d.Calls())
		}
	}
}

// TestExponentialBackoffDoesNotOverflow: doubling stops at max.
func TestExponentialBackoffDoesNotOverflow(t *testing.T) {
	for _, tt := range []struct {
		base, max time.Duration
		attempt   int
	}{
		{1, math.MaxInt64, 70},
		{1, math.MaxInt64, math.MaxInt},
		{time.Second, math.MaxInt64, 64},
		{math.MaxInt64, math.MaxInt64, 2},
		{time.Hour, time.Hour * 1000, 100},
	} {
		got := pusher.ExponentialBackoff(tt.base, tt.max)(tt.attempt)
		if got < tt.max/2 || got > tt.max {
			t.Errorf("ExponentialBackoff(%d, %d)(%d) = %d, want within [max/2, max]", tt.base, tt.max, tt.attempt, got)
		}
	}
}

// TestHugeRetryAfterRespectsMaxElapsed: with no deadline, MaxElapsed still
// refuses a wait beyond it (the sum of elapsed time and wait must not wrap).
func TestHugeRetryAfterRespectsMaxElapsed(t *testing.T) {
	c, d := newRecordingClient(t, pusher.WithTimeout(0),
		pusher.WithRetry(pusher.RetryPolicy{MaxAttempts: 2, Backoff: noWait, MaxElapsed: time.Minute}))
	d.respond = func(int, captured) (*transport.Response, error) { return statusResponse(503, "18446744074"), nil }
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	time.AfterFunc(3*time.Second, cancel) // a safety net only
	if _, err := c.Channels(ctx, pusher.ChannelsOptions{}); !errors.Is(err, pusher.ErrServerError) || errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want the 503 at once", err)
	}
	if d.Calls() != 1 {
		t.Errorf("%d attempts, want 1", d.Calls())
	}
}
