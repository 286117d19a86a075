package pusher

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/go-pusher/channels/domain"
)

// Sentinels an *APIError matches with errors.Is, by the status the server
// reported (the HTTP status, or the code in the body of a server that
// answers errors with HTTP 200).
var (
	ErrBadRequest      = errors.New("pusher: bad request")
	ErrUnauthorized    = errors.New("pusher: unauthorized")
	ErrForbidden       = errors.New("pusher: forbidden")
	ErrNotFound        = errors.New("pusher: not found")
	ErrPayloadTooLarge = errors.New("pusher: payload too large")
	ErrRateLimited     = errors.New("pusher: rate limited")
	ErrServerError     = errors.New("pusher: server error")
)

// ErrInvalid is matched by every *ValidationError: input refused before
// anything was sent.
var ErrInvalid = domain.ErrInvalid

// ValidationError reports input that breaks one of the service's rules; it
// names the field and the reason. Nothing was sent.
type ValidationError = domain.ValidationError

// ErrNilClient is returned by every method of a nil *Client, or of a
// Client that New, FromURL or FromEnv did not build (a zero Client{}).
var ErrNilClient = errors.New("pusher: nil or zero Client (build one with New, FromURL or FromEnv)")

// ErrClosed is returned by every call that would send a request on a
// Client after its Close.
var ErrClosed = errors.New("pusher: client closed")

// ErrEncryption is matched by errors from end-to-end encryption: no master
// key for an encrypted channel, or a failing random source. (An encrypted
// channel among several in one trigger is a *ValidationError on
// "channels".)
var ErrEncryption = errors.New("pusher: encryption")

// ConfigError reports a bad option or credential given to New, FromURL or
// FromEnv. It never quotes a secret or a master key.
type ConfigError struct {
	// Field names the setting, e.g. "secret", "host", "app_id", "limits",
	// "encryption_master_key".
	Field string
	// Reason says what is wrong with it.
	Reason string
	// Err is the underlying error, if any: a *ValidationError for the app id
	// or the limits, an error matching crypto.ErrInvalidMasterKey for the
	// master key.
	Err error
}

// Error names the field and the reason.
func (e *ConfigError) Error() string {
	if e == nil {
		return "pusher: bad config (nil *ConfigError)"
	}
	reason := e.Reason
	if reason == "" && e.Err != nil {
		reason = e.Err.Error()
	}
	return "pusher: bad config " + e.Field + ": " + reason
}

// Unwrap returns the underlying error, if any.
func (e *ConfigError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// APIError is an answer from the server that reports a failure: an HTTP
// status outside 2xx, or a 2xx whose body carries a non-empty top-level
// "error" (soketi answers some errors with HTTP 200 and
// {"error":"…","code":401}). It holds the method and path but never the
// signed query.
type APIError struct {
	// StatusCode is the status that classifies the failure, the one
	// errors.Is matches the sentinels by: the HTTP status, or for a 2xx
	// answer carrying an error, the "code" in its body when that reads as a
	// 4xx or 5xx status (401, "401" and 401.0 alike). A code that does not
	// leaves the HTTP status here; the code is still in Body.
	StatusCode int
	// HTTPStatus is the HTTP status of the answer as it came. It differs
	// from StatusCode only for a 2xx answer carrying an error.
	HTTPStatus int
	// Method and Path identify the request, e.g. "POST" and "/apps/1/events".
	Method string
	Path   string
	// Body is the start of the answer's body (at most 1 KiB), with anything
	// that looks like a signature redacted.
	Body string
}

// Error renders method, path, status and body.
func (e *APIError) Error() string {
	if e == nil {
		return "pusher: API error (nil *APIError)"
	}
	msg := "pusher: " + e.Method + " " + e.Path + ": "
	if e.StatusCode >= 200 && e.StatusCode <= 299 {
		msg += "HTTP " + strconv.Itoa(e.HTTPStatus) + " carrying an error"
	} else {
		msg += strconv.Itoa(e.StatusCode)
		if t := http.StatusText(e.StatusCode); t != "" {
			msg += " " + t
		}
		if e.HTTPStatus != e.StatusCode {
			msg += " (in an HTTP " + strconv.Itoa(e.HTTPStatus) + " answer)"
		}
	}
	if e.Body != "" {
		msg += ": " + e.Body
	}
	return msg
}

// Is matches the sentinel for the error's status; a nil *APIError matches
// none.
func (e *APIError) Is(target error) bool {
	if e == nil {
		return false
	}
	s := e.StatusCode
	switch target {
	case ErrBadRequest:
		return s == http.StatusBadRequest
	case ErrUnauthorized:
		return s == http.StatusUnauthorized
	case ErrForbidden:
		return s == http.StatusForbidden
	case ErrNotFound:
		return s == http.StatusNotFound
	case ErrPayloadTooLarge:
		return s == http.StatusRequestEntityTooLarge
	case ErrRateLimited:
		return s == http.StatusTooManyRequests
	case ErrServerError:
		return s >= 500 && s <= 599
	}
	return false
}

// TransportError reports a request that got no answer: the network failed,
// the context ended, the body was too large. It unwraps to the cause, so
// errors.Is(err, context.Canceled) holds for a cancelled call. Its message
// never contains the signed query.
type TransportError struct {
	Method string
	Path   string
	Err    error
}

// Error renders method, path and the cause (which the client has cut the
// signed query from).
func (e *TransportError) Error() string {
	if e == nil {
		return "pusher: transport error (nil *TransportError)"
	}
	if e.Err == nil {
		return "pusher: " + e.Method + " " + e.Path + ": no cause given"
	}
	return "pusher: " + e.Method + " " + e.Path + ": " + e.Err.Error()
}

// Unwrap returns the cause.
func (e *TransportError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}
