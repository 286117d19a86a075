package handler

import (
	"context"
	"fmt"
	"net/http"

	"github.com/go-pusher/channels/handler/internal/core"
	"github.com/go-pusher/channels/pusher"
)

// WebhookFunc receives one verified webhook delivery: wh.Events are the
// events that verified (and, on encrypted channels, decrypted), in order;
// wh.Rejected the events that could not be decrypted, already logged.
// Returning an error (or panicking) answers 500, so the service delivers
// the webhook again later: make the callback idempotent, or deduplicate.
type WebhookFunc func(ctx context.Context, wh *pusher.Webhook) error

// webhookReceiver is the handler NewWebhookReceiver returns.
type webhookReceiver struct {
	e       *core.Endpoint
	receive WebhookFunc
}

// NewWebhookReceiver returns the handler for the app's webhook URL. It
// reads a POST's body, verifies it with the client's VerifyWebhook (key,
// signature, age, decryption of encrypted client events) and calls receive
// with the request's context and the webhook. Its answers, and what
// happens to an event that cannot be decrypted, are in the README
// (https://github.com/go-pusher/channels#what-the-endpoints-answer).
func NewWebhookReceiver(c *pusher.Client, receive WebhookFunc, opts ...Option) (http.Handler, error) {
	if receive == nil {
		return nil, fmt.Errorf("%w: nil WebhookFunc", ErrConfig)
	}
	e, err := core.New(core.WebhookEndpoint, c, DefaultMaxWebhookBodyBytes, opts)
	if err != nil {
		return nil, err
	}
	return &webhookReceiver{e: e, receive: receive}, nil
}

// ServeHTTP answers one webhook delivery.
func (h *webhookReceiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	writeReply(w, h.e.ServeWebhook(r.Context(), httpRequest{w, r}, core.WebhookFunc(h.receive)))
}
