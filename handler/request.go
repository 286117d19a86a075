package handler

import (
	"net/url"

	"github.com/go-pusher/channels/domain"
	"github.com/go-pusher/channels/handler/internal/core"
)

// ChannelRequest is a channel authorization request from pusher-js, already
// validated: SocketID is a well-formed socket id and Channel a well-formed
// private-, presence- or private-encrypted- channel name.
type ChannelRequest struct {
	SocketID string
	Channel  string
	// Params are the body's other fields, e.g. those set with pusher-js's
	// channelAuthorization.params option (in a JSON body, strings as they
	// are and other values as their JSON text). Never nil.
	Params url.Values
}

// IsPresence reports whether Channel is a presence- channel, whose
// authorization needs the member the socket joins as.
func (r ChannelRequest) IsPresence() bool {
	return domain.KindOf(r.Channel) == domain.PresenceChannel
}

// IsEncrypted reports whether Channel is a private-encrypted- channel,
// whose authorization carries the channel's shared secret.
func (r ChannelRequest) IsEncrypted() bool {
	return domain.KindOf(r.Channel) == domain.PrivateEncryptedChannel
}

// UserRequest is a user authentication (sign-in) request from pusher-js,
// already validated: SocketID is a well-formed socket id.
type UserRequest struct {
	SocketID string
	// Params are the body's other fields, e.g. those set with pusher-js's
	// userAuthentication.params option. Never nil.
	Params url.Values
}

// newChannelRequest is the callback's view of a parsed request.
func newChannelRequest(r core.AuthRequest) ChannelRequest {
	return ChannelRequest{SocketID: r.SocketID, Channel: r.Channel, Params: r.Params}
}
