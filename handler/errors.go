package handler

import "github.com/go-pusher/channels/handler/internal/core"

// Errors a callback returns, as they are or wrapped, to refuse a request.
// Any other error is answered 500 and logged.
var (
	// ErrDenied refuses with 403 Forbidden: the requester may not join the
	// channel or sign in. (pusher.ErrForbidden is another thing: the
	// Channels API refusing one of the client's calls.)
	ErrDenied = core.ErrDenied
	// ErrUnauthenticated refuses with 401 Unauthorized: the requester is not
	// signed in to the app.
	ErrUnauthenticated = core.ErrUnauthenticated
)

// ErrConfig is matched by every error a constructor returns: a nil client
// or callback, or a bad option.
var ErrConfig = core.ErrConfig
