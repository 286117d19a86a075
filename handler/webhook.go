package handler

import (
	"context"
	"fmt"
	"net/http"

	"github.com/go-pusher/channels/handler/internal/endpoint"
	"github.com/go-pusher/channels/pusher"
)

// WebhookFunc receives one verified webhook delivery. Returning an error
// answers 500, so the service delivers the webhook again later: make the
// callback idempotent.
type WebhookFunc func(ctx context.Context, wh *pusher.Webhook) error

// webhookReceiver is the handler NewWebhookReceiver returns.
type webhookReceiver struct {
	e       *endpoint.Endpoint
	receive WebhookFunc
}

// NewWebhookReceiver returns the handler for the app's webhook URL. It
// reads a POST's body, verifies it with the client's VerifyWebhook (key,
// signature, age, decryption of encrypted client events) and calls receive
// with the request's context and the webhook.
//
// Answers: 200 when receive returned nil; 500 when it failed (the service
// retries); 405 for a method other than POST; 413 for a body over the cap
// (WithMaxBodyBytes, default 1 MiB); 401 for an unknown key, a bad
// signature or a webhook older than the client's WithWebhookMaxAge; 400 for
// a signed body that is not a webhook.
//
// A webhook holding an event that cannot be decrypted (a wrong or missing
// master key, or a client that published something else than ciphertext on
// an encrypted channel) is answered 200 and logged at error level, and
// receive is not called: retrying could never make it decryptable, and
// would only make the service deliver it again and again.
func NewWebhookReceiver(c *pusher.Client, receive WebhookFunc, opts ...Option) (http.Handler, error) {
	if receive == nil {
		return nil, fmt.Errorf("%w: nil WebhookFunc", ErrConfig)
	}
	e, err := newEndpoint("webhook", c, DefaultMaxWebhookBodyBytes, opts)
	if err != nil {
		return nil, err
	}
	return &webhookReceiver{e: e, receive: receive}, nil
}

// ServeHTTP answers one webhook delivery.
func (h *webhookReceiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if rep := h.e.WebhookHead(r.Context(), r.Method, r.ContentLength); rep != nil {
		writeReply(w, *rep)
		return
	}
	body, rep := readBody(w, r, h.e)
	if rep != nil {
		writeReply(w, *rep)
		return
	}
	key, sig := r.Header.Get(pusher.HeaderWebhookKey), r.Header.Get(pusher.HeaderWebhookSignature)
	writeReply(w, h.e.Webhook(r.Context(), key, sig, body, endpoint.WebhookFunc(h.receive)))
}
