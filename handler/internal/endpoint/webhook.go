package endpoint

import (
	"context"
	"errors"
	"net/http"

	"github.com/go-pusher/channels/pusher"
)

// WebhookFunc is the app's webhook callback.
type WebhookFunc func(ctx context.Context, wh *pusher.Webhook) error

// Webhook answers a webhook delivery whose head WebhookHead accepted: it
// verifies body with the key and signature headers and hands the events to
// receive.
//
// Status codes: 200 when receive succeeded; 401 for an unknown key, a bad
// signature or a webhook older than the client's max age; 400 for a signed
// body that is not a webhook; 500 when receive failed, so the service
// retries. An event that cannot be decrypted is answered 200 and logged at
// error level without calling receive: retrying cannot make it decryptable
// (a wrong master key, or a client that published garbage on an encrypted
// channel), and a non-2xx answer would only make the service retry it.
func (e *Endpoint) Webhook(ctx context.Context, key, signature string, body []byte, receive WebhookFunc) Reply {
	wh, err := e.client.VerifyWebhookSignature(key, signature, body)
	switch {
	case err == nil:
	case errors.Is(err, pusher.ErrWebhookDecrypt):
		e.error(ctx, http.StatusOK, "webhook dropped: an event cannot be decrypted", errAttr(err))
		return text(http.StatusOK, "dropped: an event cannot be decrypted")
	case errors.Is(err, pusher.ErrWebhookUnknownKey),
		errors.Is(err, pusher.ErrWebhookSignature),
		errors.Is(err, pusher.ErrWebhookExpired):
		e.warn(ctx, http.StatusUnauthorized, "webhook not authentic", errAttr(err))
		return text(http.StatusUnauthorized, "webhook not authentic")
	case errors.Is(err, pusher.ErrWebhookMalformed):
		e.warn(ctx, http.StatusBadRequest, "webhook malformed", errAttr(err))
		return text(http.StatusBadRequest, "webhook malformed")
	default:
		e.error(ctx, http.StatusInternalServerError, "cannot verify webhook", errAttr(err))
		return internalError()
	}
	if err := receive(ctx, wh); err != nil {
		e.error(ctx, http.StatusInternalServerError, "webhook callback failed", errAttr(err))
		return internalError()
	}
	return Reply{Status: http.StatusOK}
}
