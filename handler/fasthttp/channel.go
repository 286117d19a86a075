package fasthttphandler

import (
	"fmt"

	"github.com/valyala/fasthttp"

	"github.com/go-pusher/channels/domain"
	"github.com/go-pusher/channels/handler"
	"github.com/go-pusher/channels/handler/internal/endpoint"
	"github.com/go-pusher/channels/pusher"
)

// AuthorizeChannelFunc decides whether the requester of ctx may subscribe
// to req.Channel with req.SocketID, as handler.AuthorizeChannelFunc does:
// nil error allows (with the member for a presence channel); an error
// wrapping handler.ErrForbidden or handler.ErrUnauthenticated refuses with
// 403 or 401; any other error is answered 500.
type AuthorizeChannelFunc func(ctx *fasthttp.RequestCtx, req handler.ChannelRequest) (*pusher.Member, error)

// NewChannelAuthorizer returns the fasthttp handler for pusher-js's channel
// authorization endpoint. Its requests, answers and status codes are those
// of handler.NewChannelAuthorizer.
func NewChannelAuthorizer(c *pusher.Client, authorize AuthorizeChannelFunc, opts ...handler.Option) (fasthttp.RequestHandler, error) {
	if authorize == nil {
		return nil, fmt.Errorf("%w: nil AuthorizeChannelFunc", handler.ErrConfig)
	}
	e, err := newEndpoint("channel_authorization", c, handler.DefaultMaxAuthBodyBytes, opts)
	if err != nil {
		return nil, err
	}
	return func(ctx *fasthttp.RequestCtx) {
		format, rep := e.AuthHead(ctx, string(ctx.Method()), string(ctx.Request.Header.ContentType()), contentLength(ctx))
		if rep != nil {
			writeReply(ctx, *rep)
			return
		}
		body, rep := readBody(ctx, e)
		if rep != nil {
			writeReply(ctx, *rep)
			return
		}
		writeReply(ctx, e.ChannelAuth(ctx, format, body, func(req endpoint.AuthRequest) (*pusher.Member, error) {
			return authorize(ctx, handler.ChannelRequest{
				SocketID: req.SocketID, Channel: req.Channel, Kind: domain.KindOf(req.Channel), Params: req.Params,
			})
		}))
	}, nil
}
