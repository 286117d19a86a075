package pusher_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/transport"
)

// TestEmbeddedErrorsFailClosed: a 2xx answer whose top-level object has a
// non-empty "error" member is an *APIError whatever "code" holds; a code
// that reads as an error status classifies it, any other code is kept in
// the error's body.
func TestEmbeddedErrorsFailClosed(t *testing.T) {
	for _, tt := range []struct {
		body     string
		status   int // the classifying StatusCode
		sentinel error
	}{
		{`{"error":"Unauthorized","code":401}`, 401, pusher.ErrUnauthorized},
		{`{"error":"Unauthorized","code":"401"}`, 401, pusher.ErrUnauthorized},
		{`{"error":"Unauthorized","code":401.0}`, 401, pusher.ErrUnauthorized},
		{`{"error":"Unauthorized","code":" 401 "}`, 401, pusher.ErrUnauthorized},
		{`{"error":"over quota","code":"403.0"}`, 403, pusher.ErrForbidden},
		{`{"code":404,"error":{"message":"no such app"}}`, 404, pusher.ErrNotFound},
		{`{"error":"busy","code":5e2}`, 500, pusher.ErrServerError},
		{`{"error":"Unauthorized","code":"E_AUTH"}`, 200, nil},
		{`{"error":"Unauthorized","code":401.5}`, 200, nil},
		{`{"error":"Unauthorized","code":null}`, 200, nil},
		{`{"error":"Unauthorized","code":[401]}`, 200, nil},
		{`{"error":"Unauthorized"}`, 200, nil},
		{`{"error":"Unauthorized","code":99999999999999999999}`, 200, nil},
		{`{"error":"", "error":"Unauthorized","code":401}`, 401, pusher.ErrUnauthorized},
		{`{"Error":"Unauthorized","code":401}`, 401, pusher.ErrUnauthorized},
		{`{"error":"Unauthorized","code":401`, 401, pusher.ErrUnauthorized}, // cut short
	} {
		c, _ := newRecordingClient(t, pusher.WithTransport(&recordingDoer{respond: func(int, captured) (*transport.Response, error) {
			return okResponse(tt.body), nil
		}}))
		_, trigErr := c.Trigger(context.Background(), "ch", "ev", "data")
		_, listErr := c.Channels(context.Background(), pusher.ChannelsOptions{})
		for _, err := range []error{trigErr, listErr} {
			var apiErr *pusher.APIError
			if !errors.As(err, &apiErr) {
				t.Errorf("%s: err = %v, want an *APIError", tt.body, err)
				continue
			}
			if apiErr.StatusCode != tt.status || apiErr.HTTPStatus != http.StatusOK {
				t.Errorf("%s: StatusCode %d HTTPStatus %d, want %d and 200", tt.body, apiErr.StatusCode, apiErr.HTTPStatus, tt.status)
			}
			if tt.sentinel != nil && !errors.Is(err, tt.sentinel) {
				t.Errorf("%s: %v does not match %v", tt.body, err, tt.sentinel)
			}
			if !strings.Contains(apiErr.Body, "Unauthorized") && !strings.Contains(apiErr.Body, "quota") &&
				!strings.Contains(apiErr.Body, "no such app") && !strings.Contains(apiErr.Body, "busy") {
				t.Errorf("%s: body %q does not keep the error", tt.body, apiErr.Body)
			}
		}
	}
}

// TestEmptyEmbeddedErrorIsSuccess: an "error" member that is null or empty
// reports nothing, and answers that merely mention "error" elsewhere are
// successes.
func TestEmptyEmbeddedErrorIsSuccess(t *testing.T) {
	for _, body := range []string{
		`{}`, `{"error":null}`, `{"error":""}`, `{"error":false,"code":0}`, `{"error":{}}`,
		`{"channels":{"error":{"occupied":true}}}`, `{"channels":{"presence-error":{}}}`, ``, `OK`,
	} {
		c, _ := newRecordingClient(t, pusher.WithTransport(&recordingDoer{respond: func(int, captured) (*transport.Response, error) {
			return okResponse(body), nil
		}}))
		if _, err := c.Trigger(context.Background(), "ch", "ev", "data"); err != nil {
			t.Errorf("%q: Trigger: %v", body, err)
		}
	}
}

// TestAPIErrorFromHTTPStatus: an answer outside 2xx has StatusCode and
// HTTPStatus both set to its status.
func TestAPIErrorFromHTTPStatus(t *testing.T) {
	c, _ := newRecordingClient(t, pusher.WithTransport(&recordingDoer{respond: func(int, captured) (*transport.Response, error) {
		return &transport.Response{StatusCode: 403, Body: []byte(`{"error":"x","code":401}`)}, nil
	}}))
	_, err := c.Trigger(context.Background(), "ch", "ev", "data")
	var apiErr *pusher.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 403 || apiErr.HTTPStatus != 403 || !errors.Is(err, pusher.ErrForbidden) {
		t.Fatalf("err = %#v, want a 403 *APIError", err)
	}
	if got := err.Error(); !strings.Contains(got, "403 Forbidden") {
		t.Errorf("Error() = %q, want the status", got)
	}
}
