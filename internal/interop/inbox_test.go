package interop

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestInboxTakesFirstMatchAndKeepsTheRest(t *testing.T) {
	b := newInbox()
	b.add(Message{Type: "subscribed", Channel: "a"})
	b.add(Message{Type: "event", Channel: "a", Event: "e1"})
	b.add(Message{Type: "event", Channel: "a", Event: "e2"})

	ctx := context.Background()
	m, err := b.wait(ctx, OfType("event"), true)
	if err != nil || m.Event != "e1" {
		t.Fatalf("first event = %+v, %v; want e1", m, err)
	}
	m, err = b.wait(ctx, OfType("event"), true)
	if err != nil || m.Event != "e2" {
		t.Fatalf("second event = %+v, %v; want e2", m, err)
	}
	// The skipped message is still there for a later waiter.
	m, err = b.wait(ctx, SubscribedTo("a"), true)
	if err != nil || m.Type != "subscribed" {
		t.Fatalf("subscribed = %+v, %v", m, err)
	}
}

func TestInboxPeekDoesNotTake(t *testing.T) {
	b := newInbox()
	b.add(Message{Type: "connected", SocketID: "1.2"})
	for range 2 {
		if _, err := b.wait(context.Background(), OfType("connected"), false); err != nil {
			t.Fatalf("peek: %v", err)
		}
	}
	if _, err := b.wait(context.Background(), OfType("connected"), true); err != nil {
		t.Fatalf("take after peeks: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	if _, err := b.wait(ctx, OfType("connected"), true); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("second take: err = %v, want deadline exceeded", err)
	}
}

func TestInboxWakesWaiterOnAdd(t *testing.T) {
	b := newInbox()
	got := make(chan Message, 1)
	errc := make(chan error, 1)
	go func() {
		m, err := b.wait(context.Background(), EventOn("c", "late"), true)
		got <- m
		errc <- err
	}()
	b.add(Message{Type: "event", Channel: "c", Event: "other"})
	b.add(Message{Type: "event", Channel: "c", Event: "late"})
	if err := <-errc; err != nil {
		t.Fatalf("wait: %v", err)
	}
	if m := <-got; m.Event != "late" {
		t.Fatalf("got %+v, want the late event", m)
	}
}

func TestInboxCloseEndsWaitWithErrExited(t *testing.T) {
	b := newInbox()
	errc := make(chan error, 1)
	go func() {
		_, err := b.wait(context.Background(), OfType("never"), true)
		errc <- err
	}()
	b.close()
	b.close() // idempotent
	if err := <-errc; !errors.Is(err, ErrExited) {
		t.Fatalf("err = %v, want ErrExited", err)
	}
	// Messages that arrived before the end are still delivered.
	b2 := newInbox()
	b2.add(Message{Type: "disconnected"})
	b2.close()
	if _, err := b2.wait(context.Background(), OfType("disconnected"), true); err != nil {
		t.Fatalf("message before close: %v", err)
	}
}

func TestInboxLastAndAll(t *testing.T) {
	b := newInbox()
	if _, ok := b.last(OfType("connected")); ok {
		t.Fatal("last on an empty inbox found something")
	}
	b.add(Message{Type: "connected", SocketID: "1.1"})
	b.add(Message{Type: "disconnected"})
	b.add(Message{Type: "connected", SocketID: "2.2"})
	if m, ok := b.last(OfType("connected")); !ok || m.SocketID != "2.2" {
		t.Fatalf("last connected = %+v, %v; want 2.2", m, ok)
	}
	all := b.all()
	if len(all) != 3 {
		t.Fatalf("all has %d messages, want 3", len(all))
	}
	all[0].Type = "changed"
	if b.all()[0].Type != "connected" {
		t.Fatal("all returned the inbox's own slice")
	}
}
