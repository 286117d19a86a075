package main

import (
	"encoding/json"
	"testing"

	"github.com/go-pusher/channels/pusher"
)

// TestLineIndex: the Publisher's callbacks get each event's line back;
// identical events are matched first in, first out; a refused event's
// line is forgotten.
func TestLineIndex(t *testing.T) {
	x := newLineIndex()
	a := pusher.Event{Channel: "c", Name: "e", Data: json.RawMessage(`{"n":1}`)}
	b := pusher.Event{Channel: "c", Name: "e", Data: "other"}
	x.add(a, 1)
	x.add(b, 2)
	x.add(a, 3)
	x.add(a, 4)
	x.drop(a, 4)
	if got := x.take(b); got != 2 {
		t.Errorf("take(b) = %d, want 2", got)
	}
	if got := x.take(pusher.Event{Channel: "c", Name: "e", Data: json.RawMessage(`{"n":1}`)}); got != 1 {
		t.Errorf("take(a) = %d, want 1", got)
	}
	if got := x.take(a); got != 3 {
		t.Errorf("second take(a) = %d, want 3", got)
	}
	if got := x.take(a); got != 0 {
		t.Errorf("take(a) once its lines are gone = %d, want 0", got)
	}
	if len(x.lines) != 0 {
		t.Errorf("index keeps %v, want nothing", x.lines)
	}
}
