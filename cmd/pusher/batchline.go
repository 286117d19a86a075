package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/go-pusher/channels/pusher"
)

// eventLine is one line of batch input.
type eventLine struct {
	Channel  string          `json:"channel"`
	Name     string          `json:"name"`
	Event    string          `json:"event"`
	Data     json.RawMessage `json:"data"`
	SocketID string          `json:"socket_id"`
}

// parseEventLine decodes one line; ok is false for a blank line.
func parseEventLine(line []byte) (ev pusher.Event, ok bool, err error) {
	line = bytes.TrimSpace(line)
	if len(line) == 0 {
		return ev, false, nil
	}
	var l eventLine
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&l); err != nil {
		return ev, false, fmt.Errorf("not a JSON event: %v", err)
	}
	name := l.Name
	if name == "" {
		name = l.Event
	} else if l.Event != "" && l.Event != name {
		return ev, false, errors.New(`"name" and "event" differ`)
	}
	ev = pusher.Event{Channel: l.Channel, Name: name, SocketID: l.SocketID}
	var s string
	switch {
	case len(l.Data) == 0 || string(l.Data) == "null":
		ev.Data = ""
	case json.Unmarshal(l.Data, &s) == nil:
		ev.Data = s
	default:
		ev.Data = l.Data
	}
	return ev, true, nil
}
