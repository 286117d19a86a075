package core

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/go-pusher/channels/handler/dedupe"
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
	appKey := r.Header(pusher.HeaderWebhookKey)
	wh, err := e.client.VerifyWebhookSignature(appKey, r.Header(pusher.HeaderWebhookSignature), body)
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
	if e.dedupe == nil {
		return e.deliver(ctx, wh, receive)
	}
	return e.deliverOnce(ctx, deliveryKey(appKey, body), wh, receive)
}

// deliveryKey identifies a delivery in a dedupe.Store: hex SHA-256 of the
// app key and the body, which the signature covers (and which holds the
// delivery's time_ms), so a retry has the same key and another delivery a
// different one.
func deliveryKey(appKey string, body []byte) string {
	h := sha256.New()
	h.Write([]byte(appKey))
	h.Write([]byte{0})
	h.Write(body)
	return hex.EncodeToString(h.Sum(nil))
}

// deliverOnce calls receive unless the delivery is done or being processed
// by another receiver sharing the store: claim, run while renewing the
// claim (see holdClaim), then mark done (on success) or release (on
// failure or panic, so the service's retry runs). A done mark that cannot
// be written is logged and the answer stays 200: the callback has run, and
// a retry would run it again.
func (e *Endpoint) deliverOnce(ctx context.Context, key string, wh *pusher.Webhook, receive WebhookFunc) Reply {
	sent := time.Now() // the claim, if won, lasts a lease from later than this
	token, state, err := e.dedupe.Claim(ctx, key)
	switch {
	case err != nil:
		e.record(ctx, slog.LevelError, http.StatusServiceUnavailable, "deduplication store unavailable: the service will retry", []slog.Attr{errAttr(err)})
		return *text(http.StatusServiceUnavailable, "cannot deduplicate now: retry later")
	case state == dedupe.Done:
		e.record(ctx, slog.LevelDebug, http.StatusOK, "webhook already processed", nil)
		return Reply{Status: http.StatusOK}
	case state != dedupe.Claimed:
		e.record(ctx, slog.LevelDebug, http.StatusConflict, "webhook being processed by another receiver", nil)
		return *text(http.StatusConflict, "delivery being processed: retry later")
	}
	bg := context.WithoutCancel(ctx) // the claim is settled even if the request is cancelled
	done := false
	defer func() {
		if !done {
			if err := e.dedupe.Release(bg, key, token); err != nil {
				e.record(ctx, slog.LevelError, 0, "cannot release webhook claim: a retry waits for the lease to expire", []slog.Attr{errAttr(err)})
			}
		}
	}()
	rep := e.deliverHolding(ctx, key, token, sent, wh, receive)
	if rep.Status == http.StatusOK {
		done = true
		if err := e.dedupe.MarkDone(bg, key, token); err != nil {
			e.record(ctx, slog.LevelError, http.StatusOK, "cannot mark webhook done: a copy may run again", []slog.Attr{errAttr(err)})
		}
	}
	return rep
}

// deliverHolding calls receive while holding the claim token has on key
// since the claim was sent: a goroutine renews it every third of the
// store's lease and ends when receive returns or panics. If the claim
// cannot be renewed before it could lapse (the store unreachable that
// long) or is found lost, the callback's context is cancelled with cause
// dedupe.ErrClaimLost at once, before another receiver can claim the
// delivery, and the answer is still the callback's.
func (e *Endpoint) deliverHolding(ctx context.Context, key, token string, sent time.Time, wh *pusher.Webhook, receive WebhookFunc) Reply {
	run, lose := context.WithCancelCause(ctx)
	defer lose(nil)
	hold, stop := context.WithCancel(context.WithoutCancel(ctx))
	renewed := make(chan struct{})
	go func() {
		defer close(renewed)
		e.renew(hold, key, token, sent, lose)
	}()
	defer func() {
		stop()
		<-renewed
	}()
	return e.deliver(run, wh, receive)
}

// renew extends the claim until hold is done, calling lose with
// dedupe.ErrClaimLost when the claim is lost or could have lapsed.
func (e *Endpoint) renew(hold context.Context, key, token string, sent time.Time, lose context.CancelCauseFunc) {
	lease := e.dedupe.Lease()
	held := sent.Add(lease) // the claim lasts at least until then
	lapse := time.NewTimer(time.Until(held))
	defer lapse.Stop()
	tick := time.NewTicker(max(lease/3, time.Millisecond))
	defer tick.Stop()
	for {
		select {
		case <-hold.Done():
			return
		case <-lapse.C:
			e.record(hold, slog.LevelError, 0, "webhook claim could not be renewed in time: the callback's context is cancelled and a copy may run", nil)
			lose(dedupe.ErrClaimLost)
			return
		case <-tick.C:
		}
		sent := time.Now()
		ctx, cancel := context.WithDeadline(hold, held)
		err := e.dedupe.Extend(ctx, key, token)
		cancel()
		switch {
		case err == nil:
			held = sent.Add(lease)
			lapse.Reset(time.Until(held))
		case errors.Is(err, dedupe.ErrClaimLost):
			e.record(hold, slog.LevelError, 0, "webhook claim lost: the callback's context is cancelled and a copy may run", nil)
			lose(err)
			return
		case hold.Err() == nil:
			e.record(hold, slog.LevelWarn, 0, "cannot renew webhook claim: trying again", []slog.Attr{errAttr(err)})
		}
	}
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
