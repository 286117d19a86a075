package handler

import (
	"fmt"
	"net/http"

	"github.com/go-pusher/channels/handler/internal/core"
	"github.com/go-pusher/channels/pusher"
)

// AuthenticateUserFunc decides who the requester of r is, to sign
// req.SocketID in as that user.
//
// To allow, return the user and a nil error. To refuse, return an error
// wrapping ErrUnauthenticated (401) or ErrDenied (403); any other error, a
// panic, or a user the client refuses to sign (e.g. an empty ID) is
// answered 500 and logged.
type AuthenticateUserFunc func(r *http.Request, req UserRequest) (pusher.User, error)

// userAuthenticator is the handler NewUserAuthenticator returns.
type userAuthenticator struct {
	e            *core.Endpoint
	authenticate AuthenticateUserFunc
}

// NewUserAuthenticator returns the handler for pusher-js's user
// authentication endpoint (its userAuthentication.endpoint option, used by
// pusher.signin()). It reads a POST whose body holds socket_id,
// form-encoded as pusher-js sends it or as a JSON object; asks
// authenticate; and answers 200 with {"auth":…,"user_data":…}. Every other
// answer is listed in the README's table
// (https://github.com/go-pusher/channels#what-the-endpoints-answer).
func NewUserAuthenticator(c *pusher.Client, authenticate AuthenticateUserFunc, opts ...Option) (http.Handler, error) {
	if authenticate == nil {
		return nil, fmt.Errorf("%w: nil AuthenticateUserFunc", ErrConfig)
	}
	e, err := core.New(core.UserEndpoint, c, DefaultMaxAuthBodyBytes, opts)
	if err != nil {
		return nil, err
	}
	return &userAuthenticator{e: e, authenticate: authenticate}, nil
}

// ServeHTTP answers one user authentication request.
func (h *userAuthenticator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	writeReply(w, h.e.ServeUser(r.Context(), httpRequest{w, r}, func(req core.AuthRequest) (pusher.User, error) {
		return h.authenticate(r, UserRequest{SocketID: req.SocketID, Params: req.Params})
	}))
}
