package pusher

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"

	"github.com/go-pusher/channels/transport"
)

// maxErrorBody caps how much of an answer's body an APIError keeps.
const maxErrorBody = 1024

// errorFromResponse turns an answer into an *APIError, or nil when it is a
// success: a 2xx whose body does not carry a top-level "error".
func errorFromResponse(method, path string, resp *transport.Response) error {
	if resp.StatusCode >= 200 && resp.StatusCode <= 299 {
		return embeddedError(method, path, resp)
	}
	return newAPIError(method, path, resp.StatusCode, 0, resp.Body)
}

// embeddedError finds the {"error":"…","code":401} that some
// Pusher-compatible servers answer with HTTP 200.
func embeddedError(method, path string, resp *transport.Response) error {
	if !bytes.Contains(resp.Body, []byte(`"error"`)) {
		return nil
	}
	var body struct {
		Error *json.RawMessage `json:"error"`
		Code  int              `json:"code"`
	}
	if json.Unmarshal(resp.Body, &body) != nil || body.Error == nil {
		return nil
	}
	return newAPIError(method, path, resp.StatusCode, body.Code, resp.Body)
}

// newAPIError builds an APIError keeping at most maxErrorBody bytes of body,
// with signatures redacted.
func newAPIError(method, path string, status, code int, body []byte) *APIError {
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
		Code:       code,
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
