package pusher

import (
	"context"
	"net/http"

	"github.com/go-pusher/channels/domain"
	"github.com/go-pusher/channels/signing"
)

// ChannelsOptions filters and details the occupied-channels list.
type ChannelsOptions struct {
	// Prefix keeps only channels whose names start with it, e.g. "presence-".
	Prefix string
	// Info asks for attributes of each channel; "user_count" needs a
	// "presence-" Prefix.
	Info []string
}

// ChannelsList is the occupied channels with the attributes asked for.
type ChannelsList struct {
	Channels map[string]ChannelAttributes `json:"channels"`
}

// PresenceUser is one user in a presence channel.
type PresenceUser = domain.PresenceUser

// Channels lists the app's occupied channels.
func (c *Client) Channels(ctx context.Context, opts ChannelsOptions) (ChannelsList, error) {
	if err := c.open(); err != nil {
		return ChannelsList{}, err
	}
	if err := validateInfo(opts.Info); err != nil {
		return ChannelsList{}, err
	}
	if opts.Prefix != "" && domain.ValidateChannelName(opts.Prefix) != nil {
		return ChannelsList{}, &ValidationError{Field: "prefix", Value: opts.Prefix, Reason: domain.ErrBadCharacter,
			Detail: "a prefix is made of channel name characters"}
	}
	var params []signing.Param
	if opts.Prefix != "" {
		params = append(params, signing.Param{Key: "filter_by_prefix", Value: opts.Prefix})
	}
	if len(opts.Info) > 0 {
		params = append(params, signing.Param{Key: "info", Value: joinInfo(opts.Info)})
	}
	var list ChannelsList
	err := c.getJSON(ctx, c.paths.channels, params, &list)
	return list, err
}

// Channel reports on one channel: whether it is occupied and the
// attributes asked for in info ("subscription_count", "user_count" for
// presence channels).
func (c *Client) Channel(ctx context.Context, channel string, info ...string) (ChannelAttributes, error) {
	if err := c.open(); err != nil {
		return ChannelAttributes{}, err
	}
	if err := domain.ValidateChannelName(channel); err != nil {
		return ChannelAttributes{}, err
	}
	if err := validateInfo(info); err != nil {
		return ChannelAttributes{}, err
	}
	var params []signing.Param
	if len(info) > 0 {
		params = []signing.Param{{Key: "info", Value: joinInfo(info)}}
	}
	var attrs ChannelAttributes
	err := c.getJSON(ctx, c.paths.channels+"/"+channel, params, &attrs)
	return attrs, err
}

// Users lists the users in a presence channel.
func (c *Client) Users(ctx context.Context, channel string) ([]PresenceUser, error) {
	if err := c.open(); err != nil {
		return nil, err
	}
	if err := domain.ValidateChannelName(channel); err != nil {
		return nil, err
	}
	if domain.KindOf(channel) != domain.PresenceChannel {
		return nil, &ValidationError{Field: "channel", Value: channel, Reason: domain.ErrNotAllowed,
			Detail: "users are listed for presence- channels only"}
	}
	var body struct {
		Users []PresenceUser `json:"users"`
	}
	err := c.getJSON(ctx, c.paths.channels+"/"+channel+"/users", nil, &body)
	return body.Users, err
}

// TerminateUserConnections closes every connection of the signed-in user
// userID.
func (c *Client) TerminateUserConnections(ctx context.Context, userID string) error {
	if err := c.open(); err != nil {
		return err
	}
	if err := domain.ValidateUserID(userID); err != nil {
		return err
	}
	s := c.getScratch()
	defer c.putScratch(s)
	_, err := c.send(ctx, call{method: http.MethodPost, path: c.appPath + "/users/" + userID + "/terminate_connections", body: []byte(emptyJSONObject)}, s)
	return err
}

// getJSON sends a signed GET and decodes its answer into v.
func (c *Client) getJSON(ctx context.Context, path string, params []signing.Param, v any) error {
	s := c.getScratch()
	defer c.putScratch(s)
	resp, err := c.send(ctx, call{method: http.MethodGet, path: path, params: params}, s)
	if err != nil {
		return err
	}
	return c.decode(http.MethodGet, path, resp.Body, v)
}

// emptyJSONObject is the body of POSTs that carry no parameters.
const emptyJSONObject = "{}"
