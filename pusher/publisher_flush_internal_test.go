package pusher

import "testing"

// isClosed reports whether ch is closed (nil counts as closed: nothing
// to wait for).
func isClosed(ch chan struct{}) bool {
	if ch == nil {
		return true
	}
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

func TestFlushTrackerWaitsOnlyForEarlierEvents(t *testing.T) {
	f := newFlushTracker()
	if w := f.mark(); w != nil {
		t.Fatal("a Flush with nothing pending waits")
	}
	a, b := f.add(), f.add() // published before the first Flush
	first := f.mark()
	again := f.mark() // a second Flush, nothing published in between
	late := f.add()   // published after both
	if isClosed(first) || isClosed(again) {
		t.Fatal("Flush done with its events pending")
	}
	if late == a {
		t.Fatal("an event published after Flush joined the flushed epoch")
	}
	f.finish(a, 1)
	if isClosed(first) {
		t.Fatal("Flush done with one of its events pending")
	}
	f.finish(b, 1)
	if !isClosed(first) || !isClosed(again) {
		t.Fatal("Flush still waiting once its events ended, for one published later")
	}
	third := f.mark()
	if isClosed(third) {
		t.Fatal("a Flush after the late event does not wait for it")
	}
	f.finish(late, 1)
	if !isClosed(third) || len(f.waiters) != 0 {
		t.Fatalf("third Flush closed=%v, waiters %d", isClosed(third), len(f.waiters))
	}
	if len(f.epochs) != 1 || f.epochs[0].n != 0 {
		t.Errorf("epochs not trimmed: %+v", f.epochs)
	}
}

func TestFlushTrackerOutOfOrderAndForget(t *testing.T) {
	f := newFlushTracker()
	e0 := f.add()
	w0 := f.mark()
	e1 := f.add()
	w1 := f.mark()
	f.finish(e1, 1) // the later event ends first
	if isClosed(w0) || isClosed(w1) {
		t.Fatal("Flush done while an earlier event is pending")
	}
	gone := f.mark()
	f.forget(gone)
	f.finish(e0, 1)
	if !isClosed(w0) || !isClosed(w1) {
		t.Fatal("Flush not done once every event ended")
	}
	if isClosed(gone) {
		t.Fatal("a forgotten waiter was woken")
	}
}
