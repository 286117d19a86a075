package handler

import (
	"fmt"
	"net/http"

	"github.com/go-pusher/channels/handler/internal/endpoint"
	"github.com/go-pusher/channels/pusher"
)

// AuthorizeChannelFunc decides whether the requester of r may subscribe to
// req.Channel with req.SocketID.
//
// To allow, return a nil error; for a presence channel also return the
// member the socket joins as (nil for a presence channel is a bug in the
// callback: the request is answered 500 and logged). The member is ignored
// for other channels. To refuse, return an error wrapping ErrForbidden (403)
// or ErrUnauthenticated (401); any other error is answered 500 and logged.
type AuthorizeChannelFunc func(r *http.Request, req ChannelRequest) (*pusher.Member, error)

// channelAuthorizer is the handler NewChannelAuthorizer returns.
type channelAuthorizer struct {
	e         *endpoint.Endpoint
	authorize AuthorizeChannelFunc
}

// NewChannelAuthorizer returns the handler for pusher-js's channel
// authorization endpoint (its channelAuthorization.endpoint option). It
// reads a POST whose body holds socket_id and channel_name, form-encoded
// as pusher-js sends them or as a JSON object; asks authorize; and answers
// 200 with the JSON pusher-js expects: {"auth":…}, plus "channel_data" for
// presence channels and "shared_secret" for private-encrypted- channels
// (which need a client built with an encryption master key).
//
// Other answers: 405 for a method other than POST, 415 for another content
// type, 413 for a body over the cap (WithMaxBodyBytes, default 8 KiB), 400
// for a malformed body or a missing, repeated or invalid socket_id or
// channel_name (a public channel included), 401 or 403 when authorize
// refuses, 500 when it fails or the signature cannot be made.
func NewChannelAuthorizer(c *pusher.Client, authorize AuthorizeChannelFunc, opts ...Option) (http.Handler, error) {
	if authorize == nil {
		return nil, fmt.Errorf("%w: nil AuthorizeChannelFunc", ErrConfig)
	}
	e, err := newEndpoint("channel_authorization", c, DefaultMaxAuthBodyBytes, opts)
	if err != nil {
		return nil, err
	}
	return &channelAuthorizer{e: e, authorize: authorize}, nil
}

// ServeHTTP answers one channel authorization request.
func (h *channelAuthorizer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	format, rep := h.e.AuthHead(r.Context(), r.Method, r.Header.Get("Content-Type"), r.ContentLength)
	if rep != nil {
		writeReply(w, *rep)
		return
	}
	body, rep := readBody(w, r, h.e)
	if rep != nil {
		writeReply(w, *rep)
		return
	}
	writeReply(w, h.e.ChannelAuth(r.Context(), format, body, func(req endpoint.AuthRequest) (*pusher.Member, error) {
		return h.authorize(r, newChannelRequest(req))
	}))
}

// newEndpoint applies opts and builds the shared endpoint.
func newEndpoint(name string, c *pusher.Client, defaultMax int64, opts []Option) (*endpoint.Endpoint, error) {
	s, err := endpoint.Apply(opts)
	if err != nil {
		return nil, err
	}
	return endpoint.New(name, c, defaultMax, s)
}
