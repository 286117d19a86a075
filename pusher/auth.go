package pusher

import (
	"github.com/go-pusher/channels/domain"
)

// Member is who a socket is in a presence channel: UserID is required,
// UserInfo optional.
type Member = domain.Member

// User is who a signed-in connection belongs to: ID is required, UserInfo
// and Watchlist optional.
type User = domain.User

// ChannelAuthorization is the answer to pusher-js's channel authorization
// request. Marshalled with encoding/json it is exactly the body pusher-js
// expects, so a handler can write it as it is.
type ChannelAuthorization struct {
	Auth        string `json:"auth"`
	ChannelData string `json:"channel_data,omitempty"`
	// SharedSecret is the channel's key, for private-encrypted- channels.
	SharedSecret string `json:"shared_secret,omitempty"`
}

// UserAuthentication is the answer to pusher-js's user sign-in request.
// Marshalled with encoding/json it is exactly the body pusher-js expects.
type UserAuthentication struct {
	Auth     string `json:"auth"`
	UserData string `json:"user_data"`
}

// AuthorizeChannel signs socketID's subscription to a private- or
// private-encrypted- channel. For an encrypted channel it adds the
// channel's shared secret, and needs the client's master key. Presence
// channels take AuthorizePresenceChannel.
func (c *Client) AuthorizeChannel(socketID, channel string) (ChannelAuthorization, error) {
	if err := c.usable(); err != nil {
		return ChannelAuthorization{}, err
	}
	if err := validateAuthTarget(socketID, channel); err != nil {
		return ChannelAuthorization{}, err
	}
	switch domain.KindOf(channel) {
	case domain.PrivateChannel:
		return ChannelAuthorization{Auth: c.signer.ChannelAuth(socketID, channel)}, nil
	case domain.PrivateEncryptedChannel:
		if c.masterKey == nil {
			return ChannelAuthorization{}, encryptionKeyMissing(channel)
		}
		return ChannelAuthorization{
			Auth:         c.signer.ChannelAuth(socketID, channel),
			SharedSecret: c.masterKey.SharedSecret(channel),
		}, nil
	case domain.PresenceChannel:
		return ChannelAuthorization{}, &ValidationError{Field: "channel", Value: channel, Reason: domain.ErrNotAllowed,
			Detail: "presence channels take AuthorizePresenceChannel"}
	default:
		return ChannelAuthorization{}, &ValidationError{Field: "channel", Value: channel, Reason: domain.ErrNotAllowed,
			Detail: "only private- and presence- channels are authorized"}
	}
}

// AuthorizePresenceChannel signs socketID's subscription to a presence-
// channel as member.
func (c *Client) AuthorizePresenceChannel(socketID, channel string, member Member) (ChannelAuthorization, error) {
	if err := c.usable(); err != nil {
		return ChannelAuthorization{}, err
	}
	if err := validateAuthTarget(socketID, channel); err != nil {
		return ChannelAuthorization{}, err
	}
	if domain.KindOf(channel) != domain.PresenceChannel {
		return ChannelAuthorization{}, &ValidationError{Field: "channel", Value: channel, Reason: domain.ErrNotAllowed,
			Detail: "not a presence- channel"}
	}
	if err := member.Validate(); err != nil {
		return ChannelAuthorization{}, err
	}
	data, err := c.codec.Marshal(member)
	if err != nil {
		return ChannelAuthorization{}, &ValidationError{Field: "user_info", Reason: domain.ErrBadFormat, Detail: "cannot encode as JSON: " + err.Error()}
	}
	channelData := string(data)
	return ChannelAuthorization{
		Auth:        c.signer.PresenceAuth(socketID, channel, channelData),
		ChannelData: channelData,
	}, nil
}

// AuthenticateUser signs socketID's sign-in as user.
func (c *Client) AuthenticateUser(socketID string, user User) (UserAuthentication, error) {
	if err := c.usable(); err != nil {
		return UserAuthentication{}, err
	}
	if err := domain.ValidateSocketID(socketID); err != nil {
		return UserAuthentication{}, err
	}
	if err := user.Validate(); err != nil {
		return UserAuthentication{}, err
	}
	data, err := c.codec.Marshal(user)
	if err != nil {
		return UserAuthentication{}, &ValidationError{Field: "user_info", Reason: domain.ErrBadFormat, Detail: "cannot encode as JSON: " + err.Error()}
	}
	userData := string(data)
	return UserAuthentication{Auth: c.signer.UserAuth(socketID, userData), UserData: userData}, nil
}

// validateAuthTarget checks the socket id and channel of an authorization.
func validateAuthTarget(socketID, channel string) error {
	if err := domain.ValidateSocketID(socketID); err != nil {
		return err
	}
	return domain.ValidateChannelName(channel)
}
