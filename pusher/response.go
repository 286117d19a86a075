package pusher

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"

	"github.com/go-pusher/channels/transport"
)

// maxErrorBody caps how much of an answer's body an APIError keeps.
const maxErrorBody = 1024

// errorFromResponse turns an answer into an *APIError, or nil when it is a
// success: a 2xx whose body does not carry a non-empty top-level "error".
func errorFromResponse(method, path string, resp *transport.Response) error {
	if resp.StatusCode >= 200 && resp.StatusCode <= 299 {
		return embeddedError(method, path, resp)
	}
	return newAPIError(method, path, resp.StatusCode, resp.StatusCode, resp.Body)
}

// embeddedError finds the {"error":"…","code":401} that some
// Pusher-compatible servers answer with HTTP 200. Any non-empty top-level
// "error" member is a failure, whatever "code" holds, even in a body cut
// short after it; the code classifies the failure when it reads as a 4xx
// or 5xx status.
func embeddedError(method, path string, resp *transport.Response) error {
	if !mayCarryError(resp.Body) {
		return nil
	}
	found, code := topLevelError(resp.Body)
	if !found {
		return nil
	}
	status := resp.StatusCode
	if n, ok := errorStatus(code); ok {
		status = n
	}
	return newAPIError(method, path, status, resp.StatusCode, resp.Body)
}

// mayCarryError is the cheap test before parsing: a JSON object holding
// "error" in any letter case, or an escape that could spell it.
func mayCarryError(body []byte) bool {
	body = bytes.TrimSpace(body)
	if len(body) == 0 || body[0] != '{' {
		return false
	}
	if bytes.IndexByte(body, '\\') >= 0 {
		return true
	}
	for i := 0; i+len("error") <= len(body); i++ {
		if bytes.EqualFold(body[i:i+len("error")], []byte("error")) {
			return true
		}
	}
	return false
}

// topLevelError scans the members of the top-level object, stopping at the
// first syntax error, and reports whether one named "error" (matched as
// encoding/json matches names, ignoring case) is non-empty, and the raw
// value of the last "code" member.
func topLevelError(body []byte) (found bool, code json.RawMessage) {
	dec := json.NewDecoder(bytes.NewReader(body))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return false, nil
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		name, _ := tok.(string)
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			break
		}
		switch {
		case strings.EqualFold(name, "error"):
			found = found || !isEmptyJSON(value)
		case strings.EqualFold(name, "code"):
			code = value
		}
	}
	return found, code
}

// isEmptyJSON reports whether v is null, false, "", {} or [].
func isEmptyJSON(v json.RawMessage) bool {
	switch s := string(bytes.TrimSpace(v)); s {
	case "null", "false", `""`:
		return true
	default:
		return len(s) >= 2 && (s[0] == '{' || s[0] == '[') && len(bytes.TrimSpace([]byte(s[1:len(s)-1]))) == 0
	}
}

// errorStatus reads an embedded error's code, a JSON number or a string
// holding one (401, "401", 401.0, " 401 "), as a 4xx or 5xx status.
func errorStatus(code json.RawMessage) (int, bool) {
	text := string(code)
	var s string
	if json.Unmarshal(code, &s) == nil {
		text = strings.TrimSpace(s)
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil || f != math.Trunc(f) || f < 400 || f > 599 {
		return 0, false
	}
	return int(f), true
}

// newAPIError builds an APIError classified by status, keeping at most
// maxErrorBody bytes of body, with signatures redacted.
func newAPIError(method, path string, status, httpStatus int, body []byte) *APIError {
	// Redact before cutting, over a window a signature's length past the
	// cut, so a signature straddling the cut is still seen whole.
	if len(body) > maxErrorBody+signatureHexLen {
		body = body[:maxErrorBody+signatureHexLen]
	}
	text := redactSignatures(string(bytes.TrimSpace(body)))
	if len(text) > maxErrorBody {
		text = text[:maxErrorBody]
	}
	return &APIError{
		StatusCode: status,
		HTTPStatus: httpStatus,
		Method:     method,
		Path:       path,
		Body:       text,
	}
}

// ErrMalformedResponse is matched by the error returned when a 2xx answer's
// body cannot be decoded into what the call returns.
var ErrMalformedResponse = errors.New("pusher: malformed response")

// decode unmarshals a 2xx answer's body into v, a pointer, with the
// client's codec. On the fast path the body is in a pooled buffer that a
// later call overwrites, so the codec gets a copy of it: a codec may keep
// references into its input (zero-copy decoders do). On error *v is left
// zero, never half decoded.
func (c *Client) decode(method, path string, body []byte, v any) error {
	if c.reuser != nil {
		body = bytes.Clone(body)
	}
	if err := c.codec.Unmarshal(body, v); err != nil {
		if p := reflect.ValueOf(v); p.Kind() == reflect.Pointer && !p.IsNil() {
			p.Elem().SetZero()
		}
		return fmt.Errorf("%w to %s %s: %v", ErrMalformedResponse, method, path, err)
	}
	return nil
}
