package fasthttphandler

import (
	"fmt"

	"github.com/valyala/fasthttp"

	"github.com/go-pusher/channels/handler"
	"github.com/go-pusher/channels/handler/internal/endpoint"
	"github.com/go-pusher/channels/pusher"
)

// AuthenticateUserFunc decides who the requester of ctx is, as
// handler.AuthenticateUserFunc does: the user and a nil error sign
// req.SocketID in; an error wrapping handler.ErrUnauthenticated or
// handler.ErrForbidden refuses with 401 or 403; any other error is
// answered 500.
type AuthenticateUserFunc func(ctx *fasthttp.RequestCtx, req handler.UserRequest) (pusher.User, error)

// NewUserAuthenticator returns the fasthttp handler for pusher-js's user
// authentication endpoint. Its requests, answers and status codes are those
// of handler.NewUserAuthenticator.
func NewUserAuthenticator(c *pusher.Client, authenticate AuthenticateUserFunc, opts ...handler.Option) (fasthttp.RequestHandler, error) {
	if authenticate == nil {
		return nil, fmt.Errorf("%w: nil AuthenticateUserFunc", handler.ErrConfig)
	}
	e, err := newEndpoint("user_authentication", c, handler.DefaultMaxAuthBodyBytes, opts)
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
		writeReply(ctx, e.UserAuth(ctx, format, body, func(req endpoint.AuthRequest) (pusher.User, error) {
			return authenticate(ctx, handler.UserRequest{SocketID: req.SocketID, Params: req.Params})
		}))
	}, nil
}
