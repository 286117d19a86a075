package endpoint

import (
	"context"
	"net/http"

	"github.com/go-pusher/channels/pusher"
)

// UserFunc is the app's user authentication callback with the adapter's
// request bound: nil error signs the socket in as the user returned.
type UserFunc func(AuthRequest) (pusher.User, error)

// UserAuth answers a user authentication request whose head AuthHead
// accepted: it parses body, asks decide, and signs.
func (e *Endpoint) UserAuth(ctx context.Context, f BodyFormat, body []byte, decide UserFunc) Reply {
	req, err := ParseAuthRequest(f, body, false)
	if err != nil {
		return e.badRequest(ctx, err)
	}
	user, err := decide(req)
	if err != nil {
		return e.refusal(ctx, err)
	}
	auth, err := e.client.AuthenticateUser(req.SocketID, user)
	if err != nil {
		e.error(ctx, http.StatusInternalServerError, "cannot sign user authentication", errAttr(err))
		return internalError()
	}
	return e.jsonReply(ctx, auth)
}
