package core

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"

	"github.com/go-pusher/channels/domain"
	"github.com/go-pusher/channels/pusher"
)

// ServeChannel answers a channel authorization request: it reads and
// parses r, asks decide (nil error allows, with the member for a presence
// channel) and signs.
func (e *Endpoint) ServeChannel(ctx context.Context, r Request, decide func(AuthRequest) (*pusher.Member, error)) (rep Reply) {
	defer e.recoverTo(ctx, &rep)
	req, bad := e.readAuth(ctx, r, true)
	if bad != nil {
		return *bad
	}
	ch := channelAttr(req.Channel)
	member, err := decide(req)
	if err != nil {
		return *e.refusal(ctx, err, ch)
	}
	var auth pusher.ChannelAuthorization
	if domain.KindOf(req.Channel) == domain.PresenceChannel {
		if member == nil {
			return *e.fail(ctx, "presence channel allowed without a member: return a *pusher.Member or an error wrapping ErrDenied", ch)
		}
		auth, err = e.client.AuthorizePresenceChannel(req.SocketID, req.Channel, *member)
	} else {
		auth, err = e.client.AuthorizeChannel(req.SocketID, req.Channel)
	}
	if err != nil {
		return *e.fail(ctx, "cannot sign channel authorization", ch, errAttr(err))
	}
	return e.jsonReply(ctx, auth)
}

// ServeUser answers a user authentication request: it reads and parses r,
// asks decide (nil error signs the socket in as the user returned) and
// signs.
func (e *Endpoint) ServeUser(ctx context.Context, r Request, decide func(AuthRequest) (pusher.User, error)) (rep Reply) {
	defer e.recoverTo(ctx, &rep)
	req, bad := e.readAuth(ctx, r, false)
	if bad != nil {
		return *bad
	}
	user, err := decide(req)
	if err != nil {
		return *e.refusal(ctx, err)
	}
	auth, err := e.client.AuthenticateUser(req.SocketID, user)
	if err != nil {
		return *e.fail(ctx, "cannot sign user authentication", errAttr(err))
	}
	return e.jsonReply(ctx, auth)
}

// readAuth reads and parses an auth request.
func (e *Endpoint) readAuth(ctx context.Context, r Request, withChannel bool) (AuthRequest, *Reply) {
	f, body, bad := e.read(ctx, r, true)
	if bad != nil {
		return AuthRequest{}, bad
	}
	req, err := parseAuthRequest(f, body, withChannel)
	if err != nil {
		return AuthRequest{}, e.refuse(ctx, http.StatusBadRequest, err.Error())
	}
	return req, nil
}

// refusal maps a callback's error to a reply: 401 or 403 for the refusal
// sentinels, 500 for anything else, a nil pointer passed as an error
// included (it is neither an allow nor a refusal). The error's message goes
// to the log only, never to the client.
func (e *Endpoint) refusal(ctx context.Context, err error, attrs ...slog.Attr) *Reply {
	attrs = append(attrs, errAttr(err))
	switch {
	case isNilPointer(err):
		return e.fail(ctx, "callback returned a nil pointer as its error: return a nil error to allow", attrs...)
	case errors.Is(err, ErrDenied):
		e.record(ctx, slog.LevelDebug, http.StatusForbidden, "refused by callback", attrs)
		return text(http.StatusForbidden, "forbidden")
	case errors.Is(err, ErrUnauthenticated):
		e.record(ctx, slog.LevelDebug, http.StatusUnauthorized, "refused by callback", attrs)
		return text(http.StatusUnauthorized, "unauthenticated")
	default:
		return e.fail(ctx, "callback failed", attrs...)
	}
}

// jsonReply answers 200 with v as JSON.
func (e *Endpoint) jsonReply(ctx context.Context, v any) Reply {
	body, err := json.Marshal(v)
	if err != nil {
		return *e.fail(ctx, "cannot encode answer", errAttr(err))
	}
	return Reply{Status: http.StatusOK, JSON: true, Body: body}
}
