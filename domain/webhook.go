package domain

import (
	"bytes"
	"encoding/json"
	"errors"
)

// Webhook event names.
const (
	WebhookChannelOccupied   = "channel_occupied"
	WebhookChannelVacated    = "channel_vacated"
	WebhookMemberAdded       = "member_added"
	WebhookMemberRemoved     = "member_removed"
	WebhookClientEvent       = "client_event"
	WebhookSubscriptionCount = "subscription_count"
	WebhookCacheMiss         = "cache_miss"
)

// Webhook is one webhook delivery: when it was sent and what happened.
type Webhook struct {
	TimeMs int64 `json:"time_ms"`
	// Events are the delivery's events that could be read, in the order
	// they came. An event on a private-encrypted- channel is here only if
	// its data was decrypted.
	Events []WebhookEvent `json:"events"`
	// Rejected are the delivery's events that could not be read (today: the
	// data of an encrypted channel's event that could not be decrypted), in
	// the order they came. They are not part of the JSON encoding.
	Rejected []RejectedWebhookEvent `json:"-"`
}

// RejectedWebhookEvent is an event of an authentic delivery that could not
// be read, and why.
type RejectedWebhookEvent struct {
	// Event is the event as it came: for an encrypted channel, Data holds
	// the envelope, not plaintext.
	Event WebhookEvent
	// Err says why; it names the channel but never quotes the data.
	Err error
}

// WebhookEvent is one thing a webhook reports.
type WebhookEvent struct {
	// Name is the webhook event, e.g. "channel_occupied".
	Name    string `json:"name"`
	Channel string `json:"channel"`
	// Event is the client event's name (client_event only).
	Event string `json:"event,omitempty"`
	// Data is the client event's data (client_event only), decrypted for
	// private-encrypted- channels. The service sends it as a string; a
	// server that sends a JSON object or array gets its JSON text here.
	Data     WebhookData `json:"data,omitempty"`
	SocketID string      `json:"socket_id,omitempty"`
	UserID   string      `json:"user_id,omitempty"`
	// SubscriptionCount is set on subscription_count events.
	SubscriptionCount *int `json:"subscription_count,omitempty"`
}

// WebhookData is a client event's data: the string the service sent, or the
// JSON text of anything else.
type WebhookData string

// UnmarshalJSON takes a JSON string as its content and any other JSON value
// as its text. A nil *WebhookData has nowhere to put it: an error.
func (d *WebhookData) UnmarshalJSON(b []byte) error {
	if d == nil {
		return errors.New("domain: UnmarshalJSON into a nil *WebhookData")
	}
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*d = WebhookData(s)
		return nil
	}
	if bytes.Equal(b, []byte("null")) {
		*d = ""
		return nil
	}
	*d = WebhookData(b)
	return nil
}
