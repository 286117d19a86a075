package endpoint

import "errors"

// Sentinels a callback returns (wrapped or not) to refuse a request, and the
// one a constructor's error matches. The public packages re-export them.
var (
	// ErrForbidden refuses with 403: the requester may not have what it asked for.
	ErrForbidden = errors.New("handler: forbidden")
	// ErrUnauthenticated refuses with 401: the requester is not signed in.
	ErrUnauthenticated = errors.New("handler: unauthenticated")
	// ErrConfig is matched by every error a constructor returns.
	ErrConfig = errors.New("handler: bad configuration")
)
