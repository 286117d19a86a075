package load

import "strings"

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
