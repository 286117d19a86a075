package handler

import (
	"fmt"
	"net/http"

	"github.com/go-pusher/channels/handler/internal/core"
	"github.com/go-pusher/channels/pusher"
)

// AuthorizeChannelFunc decides whether the requester of r may subscribe to
// req.Channel with req.SocketID.
//
// To allow, return a nil error; for a presence channel (req.IsPresence)
// also return the member the socket joins as (nil for a presence channel
// is a bug in the callback: the request is answered 500 and logged). The
// member is ignored for other channels. To refuse, return an error
// wrapping ErrDenied (403) or ErrUnauthenticated (401); any other error,
// and a panic, is answered 500 and logged.
type AuthorizeChannelFunc func(r *http.Request, req ChannelRequest) (*pusher.Member, error)

// channelAuthorizer is the handler NewChannelAuthorizer returns.
type channelAuthorizer struct {
	e         *core.Endpoint
	authorize AuthorizeChannelFunc
}

// NewChannelAuthorizer returns the handler for pusher-js's channel
// authorization endpoint (its channelAuthorization.endpoint option). It
// reads a POST whose body holds socket_id and channel_name, form-encoded
// as pusher-js sends them or as a JSON object; asks authorize; and answers
// 200 with the JSON pusher-js expects: {"auth":…}, plus "channel_data" for
// presence channels and "shared_secret" for private-encrypted- channels
// (which need a client built with an encryption master key). Every other
// answer is listed in the README's table
// (https://github.com/go-pusher/channels#what-the-endpoints-answer).
func NewChannelAuthorizer(c *pusher.Client, authorize AuthorizeChannelFunc, opts ...Option) (http.Handler, error) {
	if authorize == nil {
		return nil, fmt.Errorf("%w: nil AuthorizeChannelFunc", ErrConfig)
	}
	e, err := core.New(core.ChannelEndpoint, c, DefaultMaxAuthBodyBytes, opts)
	if err != nil {
		return nil, err
	}
	return &channelAuthorizer{e: e, authorize: authorize}, nil
}

// ServeHTTP answers one channel authorization request.
func (h *channelAuthorizer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	writeReply(w, h.e.ServeChannel(r.Context(), httpRequest{w, r}, func(req core.AuthRequest) (*pusher.Member, error) {
		return h.authorize(r, newChannelRequest(req))
	}))
}
