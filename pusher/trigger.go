package pusher

import (
	"context"
	"net/http"

	"github.com/go-pusher/channels/domain"
)

// ChannelAttributes is what the service reports about one channel; a count
// is nil unless it was asked for.
type ChannelAttributes = domain.ChannelAttributes

// TriggerResult is the service's answer to a trigger: the attributes asked
// for with WithInfo, by channel. Channels is nil when none were asked for.
type TriggerResult struct {
	Channels map[string]ChannelAttributes `json:"channels"`
}

// Trigger publishes event with data on channel. data may be a string,
// []byte or json.RawMessage, sent as it is, or any value the client's JSON
// codec encodes. Nothing is sent if any argument breaks the service's rules.
//
// On a private-encrypted- channel the plaintext that is encrypted is
// exactly the data that would be sent on a plain channel: a string, []byte
// or json.RawMessage as it is, anything else its JSON encoding. pusher-js
// JSON-parses the decrypted text and falls back to the raw string, as it
// does for a plain channel's data, so the browser receives the same value
// either way. The size limit applies to the encrypted envelope, and a
// client without a master key refuses the trigger (ErrEncryption) rather
// than send plaintext.
func (c *Client) Trigger(ctx context.Context, channel, event string, data any, opts ...TriggerOption) (TriggerResult, error) {
	channels := [1]string{channel}
	return c.trigger(ctx, channels[:], event, data, opts)
}

// TriggerMulti publishes event with data on each of channels (1 to 100 by
// default) in one request. An encrypted channel cannot be among several:
// each has its own key, so such a trigger is refused before anything is sent.
func (c *Client) TriggerMulti(ctx context.Context, channels []string, event string, data any, opts ...TriggerOption) (TriggerResult, error) {
	return c.trigger(ctx, channels, event, data, opts)
}

// SendToUser publishes event with data to every connection of the signed-in
// user userID.
func (c *Client) SendToUser(ctx context.Context, userID, event string, data any) error {
	if err := c.open(); err != nil {
		return err
	}
	if err := domain.ValidateUserID(userID); err != nil {
		return err
	}
	channels := [1]string{domain.UserChannel(userID)}
	_, err := c.trigger(ctx, channels[:], event, data, nil)
	return err
}

// trigger validates, encodes and sends one trigger.
func (c *Client) trigger(ctx context.Context, channels []string, event string, data any, opts []TriggerOption) (TriggerResult, error) {
	if err := c.open(); err != nil {
		return TriggerResult{}, err
	}
	p := collectTriggerOptions(opts)
	if err := c.validateTrigger(channels, event, &p); err != nil {
		return TriggerResult{}, err
	}
	wire, err := c.encodeData(channels[0], data)
	if err != nil {
		return TriggerResult{}, err
	}
	key, err := c.idempotencyKey(&p)
	if err != nil {
		return TriggerResult{}, err
	}

	s := c.getScratch()
	defer c.putScratch(s)
	s.body = appendTriggerBody(s.body[:0], channels, event, wire, key, &p)

	resp, err := c.send(ctx, call{method: http.MethodPost, path: c.paths.events, body: s.body, header: c.keyedHeader(key)}, s)
	if err != nil || len(p.info) == 0 {
		return TriggerResult{}, err
	}
	// Only a trigger asking for info decodes the answer.
	var res TriggerResult
	if err := c.decode(http.MethodPost, c.paths.events, resp.Body, &res); err != nil {
		return TriggerResult{}, err
	}
	return res, nil
}

// validateTrigger checks everything about a trigger but its data.
func (c *Client) validateTrigger(channels []string, event string, p *triggerParams) error {
	if err := c.limits.CheckChannelCount(len(channels)); err != nil {
		return err
	}
	for _, ch := range channels {
		if err := domain.ValidateChannelName(ch); err != nil {
			return err
		}
		if len(channels) > 1 && domain.IsEncrypted(ch) {
			return &ValidationError{Field: "channels", Value: ch, Reason: domain.ErrNotAllowed,
				Detail: "an encrypted channel must be triggered on its own"}
		}
	}
	if err := domain.ValidateEventName(event); err != nil {
		return err
	}
	return p.validate()
}

// appendTriggerBody appends the JSON body of a trigger.
func appendTriggerBody(dst []byte, channels []string, event string, data wireData, key string, p *triggerParams) []byte {
	dst = append(dst, `{"name":`...)
	dst = appendJSONString(dst, event)
	dst = append(dst, `,"channels":[`...)
	for i, ch := range channels {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendJSONString(dst, ch)
	}
	dst = append(dst, `],"data":`...)
	dst = data.appendJSON(dst)
	dst = appendIdempotencyKey(dst, key)
	return appendEventOptions(dst, p.socketID, p.info)
}

// appendEventOptions appends the optional socket_id and info members and
// closes the object.
func appendEventOptions(dst []byte, socketID string, info []string) []byte {
	if socketID != "" {
		dst = append(dst, `,"socket_id":`...)
		dst = appendJSONString(dst, socketID)
	}
	if len(info) > 0 {
		dst = append(dst, `,"info":`...)
		dst = appendJSONString(dst, joinInfo(info))
	}
	return append(dst, '}')
}
