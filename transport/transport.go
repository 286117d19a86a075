// Package transport is the single port through which the Pusher client talks
// HTTP. Adapters live in the sub-packages nethttp, resty and fasthttp; tests
// may supply any Doer, including a DoerFunc or the gomock mock in mocks/.
//
// # Contract
//
// Every Doer must:
//
//   - honour ctx cancellation and deadline, returning an error that wraps
//     ctx.Err() (so errors.Is(err, context.Canceled) holds);
//   - never follow redirects: a 3xx is returned as a Response;
//   - never retry on its own (retries are the client's policy, and each
//     attempt is signed afresh);
//   - return 4xx and 5xx as a Response, not an error;
//   - read every response body fully, up to a cap, and close it; a body over
//     the cap is an error wrapping ErrBodyTooLarge;
//   - send Request.URL byte for byte: no path normalisation, no re-sorting or
//     re-escaping of the query (the query is what was signed);
//   - hand back a Response whose Body and Header the caller owns;
//   - treat the Request as read-only and stop using it, its Header and its
//     Body once Do returns: callers reuse the body buffer for the next
//     request and share header maps between requests (net/http may read a
//     request body from another goroutine after RoundTrip returns, so an
//     adapter on it hands net/http a copy of the body);
//   - reuse connections (keep-alive) and be safe for concurrent use.
//
// Optional capabilities are separate small interfaces found by type
// assertion (IdleCloser); Doer itself never grows a method.
package transport

//go:generate go tool mockgen -destination=../mocks/doer.go -package=mocks -write_package_comment=false github.com/go-pusher/channels/transport Doer

import (
	"context"
	"errors"
	"net/http"
)

// DefaultMaxBodyBytes is the response body cap adapters apply unless
// configured otherwise: far above any answer the Channels API gives.
const DefaultMaxBodyBytes = 4 << 20

// ErrBodyTooLarge is wrapped by the error an adapter returns when a response
// body exceeds its cap.
var ErrBodyTooLarge = errors.New("transport: response body exceeds the size cap")

// ErrInvalidRequest is wrapped by the error an adapter returns for a request
// it refuses to send: nil, a method or header that is not valid HTTP, or a
// URL that is not absolute http(s) or cannot go on the wire byte for byte.
var ErrInvalidRequest = errors.New("transport: invalid request")

// Request is one HTTP request, already signed.
type Request struct {
	// Method is the HTTP method, e.g. "GET" or "POST".
	Method string
	// URL is absolute and already signed: adapters send it byte for byte.
	URL string
	// Header holds extra request headers; it may be nil.
	Header http.Header
	// Body is the request body; nil or empty for none.
	Body []byte
}

// Response is one HTTP response, fully read.
type Response struct {
	// StatusCode is the HTTP status code.
	StatusCode int
	// Header holds the response headers.
	Header http.Header
	// Body is the whole response body, read and owned by the caller.
	Body []byte
}

// Doer sends one request and returns its response. It is the only method of
// the port; see the package documentation for the contract.
type Doer interface {
	Do(ctx context.Context, req *Request) (*Response, error)
}

// DoerFunc adapts a function to the Doer interface.
type DoerFunc func(ctx context.Context, req *Request) (*Response, error)

// Do calls f(ctx, req).
func (f DoerFunc) Do(ctx context.Context, req *Request) (*Response, error) { return f(ctx, req) }

// IdleCloser is implemented by adapters that hold idle connections the
// caller may want to release, e.g. on shutdown.
type IdleCloser interface {
	CloseIdleConnections()
}
