package fasthttphandler

import (
	"fmt"

	"github.com/valyala/fasthttp"

	"github.com/go-pusher/channels/handler"
	"github.com/go-pusher/channels/handler/internal/endpoint"
	"github.com/go-pusher/channels/pusher"
)

// NewWebhookReceiver returns the fasthttp handler for the app's webhook
// URL. Its answers, status codes and decryption-failure policy are those of
// handler.NewWebhookReceiver. receive gets the *fasthttp.RequestCtx as its
// context, valid until it returns.
func NewWebhookReceiver(c *pusher.Client, receive handler.WebhookFunc, opts ...handler.Option) (fasthttp.RequestHandler, error) {
	if receive == nil {
		return nil, fmt.Errorf("%w: nil WebhookFunc", handler.ErrConfig)
	}
	e, err := newEndpoint("webhook", c, handler.DefaultMaxWebhookBodyBytes, opts)
	if err != nil {
		return nil, err
	}
	return func(ctx *fasthttp.RequestCtx) {
		if rep := e.WebhookHead(ctx, string(ctx.Method()), contentLength(ctx)); rep != nil {
			writeReply(ctx, *rep)
			return
		}
		body, rep := readBody(ctx, e)
		if rep != nil {
			writeReply(ctx, *rep)
			return
		}
		key := string(ctx.Request.Header.Peek(pusher.HeaderWebhookKey))
		sig := string(ctx.Request.Header.Peek(pusher.HeaderWebhookSignature))
		writeReply(ctx, e.Webhook(ctx, key, sig, body, endpoint.WebhookFunc(receive)))
	}, nil
}
