package pusher

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/go-pusher/channels/domain"
)

// Webhook is one verified webhook delivery.
type Webhook = domain.Webhook

// WebhookEvent is one event of a webhook.
type WebhookEvent = domain.WebhookEvent

// RejectedWebhookEvent is an event of a verified webhook that could not be
// read: see Webhook.Rejected.
type RejectedWebhookEvent = domain.RejectedWebhookEvent

// Webhook header names.
const (
	HeaderWebhookKey       = "X-Pusher-Key"
	HeaderWebhookSignature = "X-Pusher-Signature"
)

// Errors a webhook check returns; match them with errors.Is.
var (
	// ErrWebhookUnknownKey: X-Pusher-Key is missing or not a key the client knows.
	ErrWebhookUnknownKey = errors.New("pusher: webhook key unknown")
	// ErrWebhookSignature: X-Pusher-Signature is missing or does not match the body.
	ErrWebhookSignature = errors.New("pusher: webhook signature invalid")
	// ErrWebhookExpired: time_ms is further from now than WithWebhookMaxAge allows.
	ErrWebhookExpired = errors.New("pusher: webhook too old")
	// ErrWebhookMalformed: the body is not a webhook.
	ErrWebhookMalformed = errors.New("pusher: webhook malformed")
	// ErrWebhookDecrypt: an encrypted event's data could not be decrypted.
	// It is the error of a Webhook.Rejected event, never VerifyWebhook's.
	ErrWebhookDecrypt = errors.New("pusher: webhook event cannot be decrypted")
	// ErrWebhookNoMasterKey: an encrypted event came to a client built
	// without an encryption master key. It matches ErrWebhookDecrypt too.
	ErrWebhookNoMasterKey = fmt.Errorf("%w: the client has no encryption master key", ErrWebhookDecrypt)
)

// VerifyWebhook checks a webhook delivery by its X-Pusher-Key and
// X-Pusher-Signature headers and returns its events, with the data of
// private-encrypted- channels' client events decrypted.
//
// An unknown key, a bad signature, a body that is not a webhook or one
// older than WithWebhookMaxAge returns no webhook and an error. An event
// whose data cannot be decrypted does not fail the delivery: anyone allowed
// on an encrypted channel can publish such an event, and the events beside
// it are genuine. It is left out of Webhook.Events and listed in
// Webhook.Rejected with an error matching ErrWebhookDecrypt (and
// ErrWebhookNoMasterKey when the client has no master key).
func (c *Client) VerifyWebhook(header http.Header, body []byte) (*Webhook, error) {
	return c.VerifyWebhookSignature(header.Get(HeaderWebhookKey), header.Get(HeaderWebhookSignature), body)
}

// VerifyWebhookSignature is VerifyWebhook for callers that hold the key and
// signature themselves, e.g. from a non-net/http server.
func (c *Client) VerifyWebhookSignature(key, signature string, body []byte) (*Webhook, error) {
	if err := c.usable(); err != nil {
		return nil, err
	}
	signers, ok := c.webhookSigners[key]
	if !ok || key == "" {
		return nil, ErrWebhookUnknownKey
	}
	if signature == "" {
		return nil, fmt.Errorf("%w: no %s header", ErrWebhookSignature, HeaderWebhookSignature)
	}
	valid := false
	for _, s := range signers {
		if s.VerifyWebhook(body, signature) {
			valid = true
			break
		}
	}
	if !valid {
		return nil, ErrWebhookSignature
	}
	var wh Webhook
	if err := c.codec.Unmarshal(body, &wh); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrWebhookMalformed, err)
	}
	if wh.TimeMs <= 0 || wh.Events == nil {
		return nil, fmt.Errorf("%w: want time_ms and events", ErrWebhookMalformed)
	}
	if err := c.checkWebhookAge(wh.TimeMs); err != nil {
		return nil, err
	}
	c.decryptWebhook(&wh)
	return &wh, nil
}

// checkWebhookAge refuses a webhook sent further from now than the max age.
func (c *Client) checkWebhookAge(timeMs int64) error {
	if c.webhookMaxAge <= 0 {
		return nil
	}
	age := c.now().Sub(time.UnixMilli(timeMs))
	if age > c.webhookMaxAge || age < -c.webhookMaxAge {
		return fmt.Errorf("%w: sent %s from now, allowed %s", ErrWebhookExpired, age.Round(time.Second), c.webhookMaxAge)
	}
	return nil
}

// decryptWebhook replaces the data of encrypted channels' events with its
// plaintext and moves the events it cannot decrypt to wh.Rejected.
func (c *Client) decryptWebhook(wh *Webhook) {
	kept := wh.Events[:0] // filtered in place: wh is ours
	for _, e := range wh.Events {
		if e.Data == "" || !domain.IsEncrypted(e.Channel) {
			kept = append(kept, e)
			continue
		}
		if c.masterKey == nil {
			wh.Rejected = append(wh.Rejected, RejectedWebhookEvent{Event: e,
				Err: fmt.Errorf("%w: event on %q", ErrWebhookNoMasterKey, e.Channel)})
			continue
		}
		text, err := c.masterKey.Decrypt(e.Channel, []byte(e.Data))
		if err != nil {
			wh.Rejected = append(wh.Rejected, RejectedWebhookEvent{Event: e,
				Err: fmt.Errorf("%w: event on %q: %w", ErrWebhookDecrypt, e.Channel, err)})
			continue
		}
		e.Data = domain.WebhookData(text)
		kept = append(kept, e)
	}
	wh.Events = kept
}
