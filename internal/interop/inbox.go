package interop

import (
	"context"
	"errors"
	"sync"
)

// ErrExited is returned by Subscriber.Next when the subscriber process has
// ended and no message still waiting matches.
var ErrExited = errors.New("interop: subscriber process exited")

// inbox keeps every message a subscriber printed, in order. Waiters take
// the first matching message they have not taken yet, so a message that
// arrives before anyone waits for it is not lost, and one waiter skipping a
// message leaves it for the next. It is safe for concurrent use.
type inbox struct {
	mu      sync.Mutex
	msgs    []Message
	taken   []bool
	changed chan struct{} // closed and replaced whenever msgs grows or the inbox closes
	closed  bool
}

func newInbox() *inbox { return &inbox{changed: make(chan struct{})} }

// add appends m and wakes the waiters.
func (b *inbox) add(m Message) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.msgs = append(b.msgs, m)
	b.taken = append(b.taken, false)
	close(b.changed)
	b.changed = make(chan struct{})
}

// close records that no more messages will come and wakes the waiters.
func (b *inbox) close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return
	}
	b.closed = true
	close(b.changed)
	b.changed = make(chan struct{})
}

// wait returns the first message not yet taken that match accepts, waiting
// for it until ctx ends or the inbox closes; take marks it taken.
func (b *inbox) wait(ctx context.Context, match Match, take bool) (Message, error) {
	for {
		b.mu.Lock()
		for i, m := range b.msgs {
			if !b.taken[i] && match(m) {
				if take {
					b.taken[i] = true
				}
				b.mu.Unlock()
				return m, nil
			}
		}
		closed, changed := b.closed, b.changed
		b.mu.Unlock()
		if closed {
			return Message{}, ErrExited
		}
		select {
		case <-ctx.Done():
			return Message{}, ctx.Err()
		case <-changed:
		}
	}
}

// last returns the latest message match accepts, taken or not.
func (b *inbox) last(match Match) (Message, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for i := len(b.msgs) - 1; i >= 0; i-- {
		if match(b.msgs[i]) {
			return b.msgs[i], true
		}
	}
	return Message{}, false
}

// all returns a copy of every message so far.
func (b *inbox) all() []Message {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]Message(nil), b.msgs...)
}
