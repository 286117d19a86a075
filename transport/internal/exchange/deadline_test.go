package exchange

import (
	"context"
	"testing"
	"time"
)

func TestBound(t *testing.T) {
	base := context.Background()
	now := time.Now()
	early, cancelEarly := context.WithDeadline(base, now.Add(time.Second))
	defer cancelEarly()
	for _, c := range []struct {
		name     string
		ctx      context.Context
		deadline time.Time
		want     time.Time // zero: no deadline
		derived  bool
	}{
		{"no deadline at all", base, time.Time{}, time.Time{}, false},
		{"deadline on a ctx without one", base, now.Add(time.Minute), now.Add(time.Minute), true},
		{"ctx ends sooner", early, now.Add(time.Minute), now.Add(time.Second), false},
		{"deadline sooner than ctx's", early, now.Add(time.Millisecond), now.Add(time.Millisecond), true},
		{"zero deadline keeps ctx's", early, time.Time{}, now.Add(time.Second), false},
	} {
		t.Run(c.name, func(t *testing.T) {
			ctx, cancel := Bound(c.ctx, c.deadline)
			defer cancel()
			got, ok := ctx.Deadline()
			if ok != !c.want.IsZero() || !got.Equal(c.want) {
				t.Errorf("deadline %v, %v; want %v", got, ok, c.want)
			}
			if derived := ctx != c.ctx; derived != c.derived {
				t.Errorf("derived a context: %v, want %v", derived, c.derived)
			}
		})
	}
}

// TestBoundCancelReleases: cancelling what Bound derived ends it.
func TestBoundCancelReleases(t *testing.T) {
	ctx, cancel := Bound(context.Background(), time.Now().Add(time.Hour))
	cancel()
	if ctx.Err() != context.Canceled {
		t.Fatalf("after cancel, ctx.Err() = %v", ctx.Err())
	}
}
