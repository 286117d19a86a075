package main

import (
	"fmt"
	"sync"

	"github.com/go-pusher/channels/pusher"
)

// lineIndex remembers which input lines hold each published event, so that
// the Publisher's callbacks, which get the event back, can name its line.
// Identical events (same channel, name, socket id and data) are
// interchangeable: they are matched to their lines first in, first out.
type lineIndex struct {
	mu    sync.Mutex
	lines map[string][]int
}

func newLineIndex() *lineIndex { return &lineIndex{lines: make(map[string][]int)} }

// eventKey identifies an event by everything a batch line sets.
func eventKey(e pusher.Event) string {
	return fmt.Sprintf("%q %q %q %s", e.Channel, e.Name, e.SocketID, e.Data)
}

// add records that line holds e.
func (x *lineIndex) add(e pusher.Event, line int) {
	x.mu.Lock()
	defer x.mu.Unlock()
	k := eventKey(e)
	x.lines[k] = append(x.lines[k], line)
}

// drop forgets line for e (the Publisher refused it).
func (x *lineIndex) drop(e pusher.Event, line int) {
	x.mu.Lock()
	defer x.mu.Unlock()
	k := eventKey(e)
	ls := x.lines[k]
	for i := len(ls) - 1; i >= 0; i-- {
		if ls[i] == line {
			x.lines[k] = append(ls[:i], ls[i+1:]...)
			break
		}
	}
	if len(x.lines[k]) == 0 {
		delete(x.lines, k)
	}
}

// take returns and forgets the first line holding e (0 if none).
func (x *lineIndex) take(e pusher.Event) int {
	x.mu.Lock()
	defer x.mu.Unlock()
	k := eventKey(e)
	ls := x.lines[k]
	if len(ls) == 0 {
		return 0
	}
	if len(ls) == 1 {
		delete(x.lines, k)
	} else {
		x.lines[k] = ls[1:]
	}
	return ls[0]
}
