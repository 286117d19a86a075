package handler

import "github.com/go-pusher/channels/handler/internal/endpoint"

// Errors a callback returns, as they are or wrapped, to refuse a request.
// Any other error is answered 500 and logged.
var (
	// ErrForbidden refuses with 403 Forbidden: the requester may not join
	// the channel or sign in.
	ErrForbidden = endpoint.ErrForbidden
	// ErrUnauthenticated refuses with 401 Unauthorized: the requester is not
	// signed in to the app.
	ErrUnauthenticated = endpoint.ErrUnauthenticated
)

// ErrConfig is matched by every error a constructor returns: a nil client
// or callback, or a bad option.
var ErrConfig = endpoint.ErrConfig
