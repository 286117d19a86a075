package endpoint

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/go-pusher/channels/domain"
	"github.com/go-pusher/channels/pusher"
)

// MemberFunc is the app's channel authorization callback with the adapter's
// request bound: nil error allows, and for a presence channel the member
// says who joins.
type MemberFunc func(AuthRequest) (*pusher.Member, error)

// ChannelAuth answers a channel authorization request whose head AuthHead
// accepted: it parses body, asks decide, and signs.
func (e *Endpoint) ChannelAuth(ctx context.Context, f BodyFormat, body []byte, decide MemberFunc) Reply {
	req, err := ParseAuthRequest(f, body, true)
	if err != nil {
		return e.badRequest(ctx, err)
	}
	ch := channelAttr(req.Channel)
	member, err := decide(req)
	if err != nil {
		return e.refusal(ctx, err, ch)
	}
	var auth pusher.ChannelAuthorization
	if domain.KindOf(req.Channel) == domain.PresenceChannel {
		if member == nil {
			e.error(ctx, http.StatusInternalServerError,
				"presence channel allowed without a member: return a *pusher.Member or an error wrapping ErrForbidden", ch)
			return internalError()
		}
		auth, err = e.client.AuthorizePresenceChannel(req.SocketID, req.Channel, *member)
	} else {
		auth, err = e.client.AuthorizeChannel(req.SocketID, req.Channel)
	}
	if err != nil {
		e.error(ctx, http.StatusInternalServerError, "cannot sign channel authorization", ch, errAttr(err))
		return internalError()
	}
	return e.jsonReply(ctx, auth)
}

// jsonReply answers 200 with v as JSON.
func (e *Endpoint) jsonReply(ctx context.Context, v any) Reply {
	body, err := json.Marshal(v)
	if err != nil {
		e.error(ctx, http.StatusInternalServerError, "cannot encode answer", errAttr(err))
		return internalError()
	}
	return Reply{Status: http.StatusOK, JSON: true, Body: body}
}
