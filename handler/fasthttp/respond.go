package fasthttphandler

import (
	"io"
	"net/http"

	"github.com/valyala/fasthttp"

	"github.com/go-pusher/channels/handler"
	"github.com/go-pusher/channels/handler/internal/endpoint"
	"github.com/go-pusher/channels/pusher"
)

// writeReply writes rep with headers that keep it out of caches and from
// being sniffed as another type.
func writeReply(ctx *fasthttp.RequestCtx, rep endpoint.Reply) {
	ctx.SetStatusCode(rep.Status)
	ctx.SetContentType(rep.ContentType())
	h := &ctx.Response.Header
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	switch rep.Status {
	case http.StatusMethodNotAllowed:
		h.Set("Allow", endpoint.AllowedMethod)
	case http.StatusRequestEntityTooLarge:
		// The rest of the body may be unread: do not reuse the connection.
		ctx.SetConnectionClose()
	}
	ctx.SetBody(rep.Body)
}

// contentLength is the request's declared body length, or -1 if unknown.
func contentLength(ctx *fasthttp.RequestCtx) int64 {
	n := ctx.Request.Header.ContentLength()
	if n < 0 {
		return -1
	}
	return int64(n)
}

// readBody returns the request's body if it fits e's cap. A streamed body
// (Server.StreamRequestBody) is read no further than the cap. The bytes are
// valid until the handler returns. A non-nil Reply (413 or 400) ends the
// request.
func readBody(ctx *fasthttp.RequestCtx, e *endpoint.Endpoint) ([]byte, *endpoint.Reply) {
	limit := e.MaxBodyBytes()
	var body []byte
	if ctx.Request.IsBodyStream() {
		b, err := io.ReadAll(io.LimitReader(ctx.Request.BodyStream(), limit+1))
		if err != nil {
			rep := e.Unreadable(ctx, err)
			return nil, &rep
		}
		body = b
	} else {
		body = ctx.PostBody()
	}
	if int64(len(body)) > limit {
		rep := e.TooLarge(ctx)
		return nil, &rep
	}
	return body, nil
}

// newEndpoint applies opts and builds the shared endpoint.
func newEndpoint(name string, c *pusher.Client, defaultMax int64, opts []handler.Option) (*endpoint.Endpoint, error) {
	s, err := endpoint.Apply(opts)
	if err != nil {
		return nil, err
	}
	return endpoint.New(name, c, defaultMax, s)
}
