package fasthttphandler

import (
	"fmt"

	"github.com/valyala/fasthttp"

	"github.com/go-pusher/channels/handler"
	"github.com/go-pusher/channels/handler/internal/core"
	"github.com/go-pusher/channels/pusher"
)

// AuthorizeChannelFunc decides whether the requester of ctx may subscribe
// to req.Channel with req.SocketID, as handler.AuthorizeChannelFunc does:
// nil error allows (with the member for a presence channel); an error
// wrapping handler.ErrDenied or handler.ErrUnauthenticated refuses with 403
// or 401; any other error, and a panic, is answered 500.
type AuthorizeChannelFunc func(ctx *fasthttp.RequestCtx, req handler.ChannelRequest) (*pusher.Member, error)

// AuthenticateUserFunc decides who the requester of ctx is, as
// handler.AuthenticateUserFunc does: the user and a nil error sign
// req.SocketID in; an error wrapping handler.ErrUnauthenticated or
// handler.ErrDenied refuses with 401 or 403; any other error, and a panic,
// is answered 500.
type AuthenticateUserFunc func(ctx *fasthttp.RequestCtx, req handler.UserRequest) (pusher.User, error)

// NewChannelAuthorizer returns the fasthttp handler for pusher-js's channel
// authorization endpoint. Its requests and answers are those of
// handler.NewChannelAuthorizer.
func NewChannelAuthorizer(c *pusher.Client, authorize AuthorizeChannelFunc, opts ...handler.Option) (fasthttp.RequestHandler, error) {
	if authorize == nil {
		return nil, fmt.Errorf("%w: nil AuthorizeChannelFunc", handler.ErrConfig)
	}
	e, err := core.New(core.ChannelEndpoint, c, handler.DefaultMaxAuthBodyBytes, opts)
	if err != nil {
		return nil, err
	}
	return func(ctx *fasthttp.RequestCtx) {
		writeReply(ctx, e.ServeChannel(ctx, request{ctx}, func(req core.AuthRequest) (*pusher.Member, error) {
			return authorize(ctx, handler.ChannelRequest{SocketID: req.SocketID, Channel: req.Channel, Params: req.Params})
		}))
	}, nil
}

// NewUserAuthenticator returns the fasthttp handler for pusher-js's user
// authentication endpoint. Its requests and answers are those of
// handler.NewUserAuthenticator.
func NewUserAuthenticator(c *pusher.Client, authenticate AuthenticateUserFunc, opts ...handler.Option) (fasthttp.RequestHandler, error) {
	if authenticate == nil {
		return nil, fmt.Errorf("%w: nil AuthenticateUserFunc", handler.ErrConfig)
	}
	e, err := core.New(core.UserEndpoint, c, handler.DefaultMaxAuthBodyBytes, opts)
	if err != nil {
		return nil, err
	}
	return func(ctx *fasthttp.RequestCtx) {
		writeReply(ctx, e.ServeUser(ctx, request{ctx}, func(req core.AuthRequest) (pusher.User, error) {
			return authenticate(ctx, handler.UserRequest{SocketID: req.SocketID, Params: req.Params})
		}))
	}, nil
}

// NewWebhookReceiver returns the fasthttp handler for the app's webhook
// URL. Its answers, and what happens to an event that cannot be decrypted,
// are those of handler.NewWebhookReceiver. receive gets the
// *fasthttp.RequestCtx as its context, valid until it returns.
func NewWebhookReceiver(c *pusher.Client, receive handler.WebhookFunc, opts ...handler.Option) (fasthttp.RequestHandler, error) {
	if receive == nil {
		return nil, fmt.Errorf("%w: nil WebhookFunc", handler.ErrConfig)
	}
	e, err := core.New(core.WebhookEndpoint, c, handler.DefaultMaxWebhookBodyBytes, opts)
	if err != nil {
		return nil, err
	}
	return func(ctx *fasthttp.RequestCtx) {
		writeReply(ctx, e.ServeWebhook(ctx, request{ctx}, core.WebhookFunc(receive)))
	}, nil
}
