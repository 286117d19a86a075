package core

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"github.com/go-pusher/channels/pusher"
)

// WebhookFunc is the app's webhook callback.
type WebhookFunc func(ctx context.Context, wh *pusher.Webhook) error

// ServeWebhook answers a webhook delivery: it reads r, verifies it with the
// key and signature headers, and hands what verified to receive. The
// answers are those of the README's table.
func (e *Endpoint) ServeWebhook(ctx context.Context, r Request, receive WebhookFunc) (rep Reply) {
	defer e.recoverTo(ctx, &rep)
	_, body, bad := e.read(ctx, r, false)
	if bad != nil {
		return *bad
	}
	wh, err := e.client.VerifyWebhookSignature(r.Header(pusher.HeaderWebhookKey), r.Header(pusher.HeaderWebhookSignature), body)
	switch {
	case err == nil:
	case errors.Is(err, pusher.ErrWebhookUnknownKey),
		errors.Is(err, pusher.ErrWebhookSignature),
		errors.Is(err, pusher.ErrWebhookExpired):
		e.record(ctx, slog.LevelWarn, http.StatusUnauthorized, "webhook not authentic", []slog.Attr{errAttr(err)})
		return *text(http.StatusUnauthorized, "webhook not authentic")
	case errors.Is(err, pusher.ErrWebhookMalformed):
		e.record(ctx, slog.LevelWarn, http.StatusBadRequest, "webhook malformed", []slog.Attr{errAttr(err)})
		return *text(http.StatusBadRequest, "webhook malformed")
	default:
		return *e.fail(ctx, "cannot verify webhook", errAttr(err))
	}
	if bad := e.checkRejected(ctx, wh); bad != nil {
		return *bad
	}
	return e.deliver(ctx, wh, receive)
}

// checkRejected logs the events that could not be decrypted. They do not
// stop the delivery, since retrying cannot make them decryptable, unless
// the client has no master key at all: that is the receiver's
// configuration, so the delivery is answered 500 and kept by the service's
// retries until the key is configured.
func (e *Endpoint) checkRejected(ctx context.Context, wh *pusher.Webhook) *Reply {
	for _, rej := range wh.Rejected {
		attrs := []slog.Attr{channelAttr(rej.Event.Channel), slog.String("event", rej.Event.Event), errAttr(rej.Err)}
		if errors.Is(rej.Err, pusher.ErrWebhookNoMasterKey) {
			return e.fail(ctx, "webhook has an encrypted event but the client has no master key: configure pusher.WithEncryptionMasterKeyBase64", attrs...)
		}
		e.record(ctx, slog.LevelWarn, 0, "webhook event cannot be decrypted: delivered without it", attrs)
	}
	return nil
}

// deliver calls receive: 200 when it succeeds, 500 (the service retries)
// when it fails.
func (e *Endpoint) deliver(ctx context.Context, wh *pusher.Webhook, receive WebhookFunc) Reply {
	if err := receive(ctx, wh); err != nil {
		return *e.fail(ctx, "webhook callback failed", errAttr(err))
	}
	return Reply{Status: http.StatusOK}
}
