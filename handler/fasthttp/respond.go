package fasthttphandler

import (
	"io"
	"net/http"

	"github.com/valyala/fasthttp"

	"github.com/go-pusher/channels/handler/internal/core"
)

// request is a fasthttp request as the core reads it.
type request struct{ ctx *fasthttp.RequestCtx }

func (r request) Method() string { return string(r.ctx.Method()) }

func (r request) Header(name string) string { return string(r.ctx.Request.Header.Peek(name)) }

// ContentLength is the declared length; fasthttp's negative codes for
// chunked and identity bodies mean unknown.
func (r request) ContentLength() int64 { return max(int64(r.ctx.Request.Header.ContentLength()), -1) }

// ReadBody returns the body if it fits limit. A streamed body
// (Server.StreamRequestBody) is read no further than the cap. The bytes
// are valid until the handler returns.
func (r request) ReadBody(limit int64) ([]byte, error) {
	body := r.ctx.PostBody()
	if r.ctx.Request.IsBodyStream() {
		var err error
		if body, err = io.ReadAll(io.LimitReader(r.ctx.Request.BodyStream(), limit+1)); err != nil {
			return nil, err
		}
	}
	if int64(len(body)) > limit {
		return nil, core.ErrBodyTooLarge
	}
	return body, nil
}

// writeReply writes rep. After a 413 the rest of the body may be unread, so
// the connection is not reused.
func writeReply(ctx *fasthttp.RequestCtx, rep core.Reply) {
	ctx.SetStatusCode(rep.Status)
	rep.SetHeaders(ctx.Response.Header.Set)
	if rep.Status == http.StatusRequestEntityTooLarge {
		ctx.SetConnectionClose()
	}
	ctx.SetBody(rep.Body)
}
