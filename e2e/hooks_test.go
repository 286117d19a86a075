//go:build e2e

package e2e

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-pusher/channels/pusher"
)

// hookEvent is one webhook event our receiver handed to the callback, with
// the time_ms of its delivery.
type hookEvent struct {
	pusher.WebhookEvent
	timeMs int64
}

// hookLog records what our webhook receiver passed to the app's callback
// and what it answered soketi. It is safe for concurrent use.
type hookLog struct {
	mu       sync.Mutex
	events   []hookEvent
	statuses map[int]int // answered status -> deliveries
	changed  chan struct{}
}

func newHookLog() *hookLog {
	return &hookLog{statuses: map[int]int{}, changed: make(chan struct{})}
}

// receive is the app's webhook callback.
func (l *hookLog) receive(_ context.Context, wh *pusher.Webhook) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, ev := range wh.Events {
		l.events = append(l.events, hookEvent{ev, wh.TimeMs})
	}
	close(l.changed)
	l.changed = make(chan struct{})
	return nil
}

// answered records the status the receiver answered a delivery with.
func (l *hookLog) answered(status int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.statuses[status]++
}

// refused returns the deliveries answered with anything but 200, by status.
func (l *hookLog) refused() map[int]int {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := map[int]int{}
	for s, n := range l.statuses {
		if s != 200 {
			out[s] = n
		}
	}
	return out
}

// waitFor returns the first event named name on channel that match
// accepts (nil: any), waiting up to waitTimeout; it fails the test
// otherwise, listing the events seen.
func (l *hookLog) waitFor(t *testing.T, name, channel string, match func(hookEvent) bool) hookEvent {
	t.Helper()
	deadline := time.NewTimer(waitTimeout)
	defer deadline.Stop()
	for {
		l.mu.Lock()
		for _, ev := range l.events {
			if ev.Name == name && ev.Channel == channel && (match == nil || match(ev)) {
				l.mu.Unlock()
				return ev
			}
		}
		changed := l.changed
		l.mu.Unlock()
		select {
		case <-changed:
		case <-deadline.C:
			t.Fatalf("no %s webhook for %s within %v; received:\n%s", name, channel, waitTimeout, l.describe())
		}
	}
}

// describe lists the events received so far.
func (l *hookLog) describe() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var b strings.Builder
	for _, ev := range l.events {
		b.WriteString("  ")
		b.WriteString(ev.Name + " " + ev.Channel)
		if ev.Event != "" {
			b.WriteString(" event=" + ev.Event + " data=" + string(ev.Data))
		}
		if ev.UserID != "" {
			b.WriteString(" user=" + ev.UserID)
		}
		b.WriteByte('\n')
	}
	return b.String()
}
