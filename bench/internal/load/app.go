package load

import (
	"strconv"
	"strings"
	"time"
)

// The app every client triggers on. The credentials are made up and only
// ever travel over loopback.
const (
	AppID   = "1"
	Key     = "bench-key"
	Secret  = "bench-secret-not-a-real-one"
	Channel = "bench-channel"
	Event   = "bench-event"
	// EventsPath is the path every trigger is posted to.
	EventsPath = "/apps/" + AppID + "/events"
	// BatchPath is the path every batch is posted to.
	BatchPath = "/apps/" + AppID + "/batch_events"
)

// Payload returns a JSON document of exactly n bytes (at least 16), the
// event data every client sends as a pre-encoded string.
func Payload(n int) string {
	const head, tail = `{"message":"`, `"}`
	fill := max(n-len(head)-len(tail), 1)
	return head + strings.Repeat("x", fill) + tail
}

// AppendTriggerBody appends the JSON body of a trigger of data (sent as a
// JSON string) on Channel, as a hand-written client would build it.
func AppendTriggerBody(dst []byte, data string) []byte {
	dst = append(dst, `{"name":"`+Event+`","channels":["`+Channel+`"],"data":`...)
	dst = appendJSONString(dst, data)
	return append(dst, '}')
}

// appendJSONString appends s as a JSON string literal escaped as
// encoding/json does for the ASCII payloads the harness sends; other
// bytes go through as they are.
func appendJSONString(dst []byte, s string) []byte {
	const hexDigits = "0123456789abcdef"
	dst = append(dst, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			dst = append(dst, '\\', c)
		case c == '\n':
			dst = append(dst, '\\', 'n')
		case c == '\r':
			dst = append(dst, '\\', 'r')
		case c == '\t':
			dst = append(dst, '\\', 't')
		case c < 0x20 || c == '<' || c == '>' || c == '&':
			dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&15])
		default:
			dst = append(dst, c)
		}
	}
	return append(dst, '"')
}

// EventData returns event data of n bytes (at least 40) that carries t,
// the moment it is published, for the server to measure the event's
// publish-to-delivered latency: {"t":<unix ns>,"m":"xxx…"}.
func EventData(n int, t time.Time) string {
	var ts [20]byte
	var b strings.Builder
	b.Grow(max(n, 48))
	b.WriteString(`{"t":`)
	b.Write(strconv.AppendInt(ts[:0], t.UnixNano(), 10))
	b.WriteString(`,"m":"`)
	for b.Len() < n-2 {
		b.WriteByte('x')
	}
	b.WriteString(`"}`)
	return b.String()
}
