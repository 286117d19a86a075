package pusher

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/go-pusher/channels/domain"
	"github.com/go-pusher/channels/signing"
	"github.com/go-pusher/channels/transport"
)

// call is one REST exchange: method, the path below the API root, the
// query parameters to sign and the body.
type call struct {
	method string
	path   string
	params []signing.Param
	body   []byte
	header http.Header // nil: the client's shared headers; set for a keyed call
}

// send performs r, signing each attempt afresh, applying the client's
// timeout and retry policy, and turns failures into *TransportError or
// *APIError. The returned response is a 2xx without an embedded error; the
// caller passes it to releaseResponse once done with it.
func (c *Client) send(ctx context.Context, r call) (*transport.Response, error) {
	if ctx == nil {
		return nil, &ValidationError{Field: "ctx", Reason: domain.ErrEmpty, Detail: "pass context.Background() or a request context"}
	}
	if err := ctx.Err(); err != nil {
		// Nothing is sent on a context that has already ended, whatever
		// the transport would do with it.
		return nil, &TransportError{Method: r.method, Path: r.path, Err: err}
	}
	start := time.Now()
	var deadline time.Time // for a ReusingDoer instead of a ctx deadline
	if c.timeout > 0 {
		if d, ok := ctx.Deadline(); !ok || d.Sub(start) > c.timeout {
			if c.reuser != nil && ctx.Done() == nil && c.retry == nil {
				// Nothing can cancel ctx: the transport bounds the one
				// attempt itself, sparing a context and its timer.
				deadline = start.Add(c.timeout)
			} else {
				var cancel context.CancelFunc
				ctx, cancel = context.WithDeadline(ctx, start.Add(c.timeout))
				defer cancel()
			}
		}
	}
	var lent *transport.Response // one for every attempt, if the transport takes it
	if c.reuser != nil {
		lent = c.responses.Get().(*transport.Response)
	}
	for attempt := 1; ; attempt++ {
		resp, err := c.attempt(ctx, r, deadline, lent)
		switch {
		case err != nil:
			resp = nil
			err = &TransportError{Method: r.method, Path: r.path, Err: withoutURL(err)}
		case resp == nil:
			err = &TransportError{Method: r.method, Path: r.path, Err: errNoResponse}
		default:
			err = errorFromResponse(r.method, r.path, resp)
		}
		c.logAttempt(ctx, r, attempt, resp, err, start)
		if err == nil {
			return resp, nil
		}
		wait, retry := c.retry.next(ctx, r.method, c.retryKeyed && r.header != nil, attempt, resp, err, start)
		if !retry {
			c.releaseResponse(lent)
			return nil, err
		}
		c.logRetry(ctx, r, attempt, wait, err)
		if werr := sleep(ctx, wait); werr != nil {
			c.releaseResponse(lent)
			// Keep both: the last failure, and that the context ended the
			// wait (so errors.Is(err, context.Canceled) holds).
			return nil, fmt.Errorf("%w (retry abandoned: %w)", err, werr)
		}
	}
}

// errNoResponse is the cause of the TransportError for a Doer that broke
// its contract by returning neither a response nor an error.
var errNoResponse = errors.New("transport returned no response and no error")

// attempt signs r with the current time and hands it to the transport:
// to DoInto with lent and deadline (zero for none) when it is a
// ReusingDoer, else to Do. The signature covers the path exactly as it
// goes on the wire, escaped, as the service checks it.
func (c *Client) attempt(ctx context.Context, r call, deadline time.Time, lent *transport.Response) (*transport.Response, error) {
	buf := c.getBuffer()
	defer c.putBuffer(buf)
	u := append((*buf)[:0], c.baseURL...)
	pathStart := len(u)
	u = appendEscapedPath(u, r.path)
	wirePath := r.path
	if len(u)-pathStart != len(r.path) {
		wirePath = string(u[pathStart:])
	}
	u = append(u, '?')
	u = c.signer.AppendQuery(u, r.method, wirePath, r.params, r.body, c.now().Unix())
	*buf = u
	req := c.getRequest()
	defer c.putRequest(req)
	*req = transport.Request{Method: r.method, URL: string(u), Header: c.headers.get, Body: r.body}
	if len(r.body) > 0 {
		req.Header = c.headers.json
	}
	if r.header != nil {
		req.Header = r.header
	}
	if lent != nil {
		if err := c.reuser.DoInto(ctx, req, deadline, lent); err != nil {
			return nil, err
		}
		return lent, nil
	}
	return c.doer.Do(ctx, req)
}

// logAttempt logs one attempt at debug level, without query or data.
func (c *Client) logAttempt(ctx context.Context, r call, attempt int, resp *transport.Response, err error, start time.Time) {
	if !c.logger.Enabled(ctx, slog.LevelDebug) {
		return
	}
	attrs := []slog.Attr{
		slog.String("method", r.method),
		slog.String("path", r.path),
		slog.Int("attempt", attempt),
		slog.Duration("elapsed", time.Since(start)),
	}
	if resp != nil {
		attrs = append(attrs, slog.Int("status", resp.StatusCode))
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", err.Error()))
	}
	c.logger.LogAttrs(ctx, slog.LevelDebug, "pusher request", attrs...)
}

// logRetry logs at warn level that a failed attempt will be retried.
func (c *Client) logRetry(ctx context.Context, r call, attempt int, wait time.Duration, err error) {
	if !c.logger.Enabled(ctx, slog.LevelWarn) {
		return
	}
	c.logger.LogAttrs(ctx, slog.LevelWarn, "pusher retry",
		slog.String("method", r.method),
		slog.String("path", r.path),
		slog.Int("attempt", attempt),
		slog.Duration("wait", wait),
		slog.String("error", err.Error()),
	)
}

// sleep waits d or until ctx ends, whichever is first.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// appendEscapedPath appends path to dst escaping what a URL path cannot
// hold as it is ('#', '?', '%', space and non-printable bytes). Channel names
// and user ids are otherwise made of path-safe characters, so the path on
// the wire decodes to exactly the path that was signed.
func appendEscapedPath(dst []byte, path string) []byte {
	const hexDigits = "0123456789ABCDEF"
	for i := 0; i < len(path); i++ {
		b := path[i]
		if b == '#' || b == '?' || b == '%' || b <= ' ' || b >= 0x7f {
			dst = append(dst, '%', hexDigits[b>>4], hexDigits[b&15])
			continue
		}
		dst = append(dst, b)
	}
	return dst
}
