package interop

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Message is one line that interop/subscriber.js printed: something that
// happened in pusher-js. Which fields are set depends on Type; Line always
// holds the line as printed.
type Message struct {
	// Type is one of: state, connected, disconnected, subscribed,
	// subscription_error, event, member_added, member_removed, signed_in,
	// signin_error, user_event, triggered, unsubscribed, error, log; or
	// "stdout" for a line that was not JSON.
	Type string `json:"type"`

	Channel string `json:"channel,omitempty"`
	Event   string `json:"event,omitempty"`
	// Data is the event data as pusher-js hands it to bind callbacks,
	// re-encoded as JSON: an object when the payload parsed as JSON, a JSON
	// string when it did not.
	Data json.RawMessage `json:"data,omitempty"`

	SocketID string `json:"socket_id,omitempty"` // connected
	// UserID is the member's id (member_added, member_removed) or the
	// sender's user_id pusher-js passes with a client event on a presence
	// channel; a number is kept as its JSON text.
	UserID   string          `json:"-"`
	UserInfo json.RawMessage `json:"user_info,omitempty"`
	User     json.RawMessage `json:"user,omitempty"`    // signed_in: the parsed user_data
	Members  json.RawMessage `json:"members,omitempty"` // subscribed to presence: id -> info
	Me       json.RawMessage `json:"me,omitempty"`      // subscribed to presence: {"id","info"}
	Count    int             `json:"count,omitempty"`   // subscribed to presence

	Status int             `json:"status,omitempty"` // subscription_error, signin_error: HTTP status of the auth endpoint
	OK     *bool           `json:"ok,omitempty"`     // triggered: what channel.trigger returned
	Error  string          `json:"error,omitempty"`
	Detail json.RawMessage `json:"detail,omitempty"` // the error object pusher-js reported

	Previous string `json:"previous,omitempty"` // state
	Current  string `json:"current,omitempty"`  // state
	Text     string `json:"message,omitempty"`  // log

	Line string `json:"-"`
}

// parseMessage decodes one stdout line; a line that is not a JSON object
// becomes a Message of Type "stdout".
func parseMessage(line []byte) Message {
	var m Message
	var ids struct {
		UserID json.RawMessage `json:"user_id"`
	}
	if json.Unmarshal(line, &m) != nil || json.Unmarshal(line, &ids) != nil || m.Type == "" {
		return Message{Type: "stdout", Line: string(line)}
	}
	m.Line = string(line)
	m.UserID = jsonText(ids.UserID)
	return m
}

// jsonText returns a JSON string's value, or other JSON as its text.
func jsonText(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var s string
	if raw[0] == '"' && json.Unmarshal(raw, &s) == nil {
		return s
	}
	return string(raw)
}

// DataString returns Data's value when pusher-js delivered a string (the
// payload was not JSON), and false otherwise.
func (m Message) DataString() (string, bool) {
	raw := bytes.TrimSpace(m.Data)
	if len(raw) == 0 || raw[0] != '"' {
		return "", false
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return "", false
	}
	return s, true
}

// DecodeData unmarshals Data into v.
func (m Message) DecodeData(v any) error {
	if len(m.Data) == 0 {
		return fmt.Errorf("interop: %s message has no data", m.Type)
	}
	return json.Unmarshal(m.Data, v)
}

// String is the line as printed.
func (m Message) String() string { return m.Line }
