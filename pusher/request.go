package pusher

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"
	"unsafe"

	"github.com/go-pusher/channels/domain"
	"github.com/go-pusher/channels/internal/redact"
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

// send performs r, signing each attempt afresh in s, applying the client's
// timeout and retry policy, and turns failures into *TransportError or
// *APIError. The returned response is a 2xx without an embedded error,
// valid until the caller hands s back (putScratch).
//
// The timeout bounds the whole call, retries included. A transport with
// the fast path (fastpath.Doer) gets it as a deadline beside ctx and s's
// Response to fill; any other gets it as ctx's deadline.
func (c *Client) send(ctx context.Context, r call, s *callScratch) (*transport.Response, error) {
	if ctx == nil {
		return nil, &ValidationError{Field: "ctx", Reason: domain.ErrEmpty, Detail: "pass context.Background() or a request context"}
	}
	if err := ctx.Err(); err != nil {
		// Nothing is sent on a context that has already ended, whatever
		// the transport would do with it.
		return nil, &TransportError{Method: r.method, Path: r.path, Err: err}
	}
	start := time.Now()
	signAt := start // the first attempt's signing time, if the clock is time.Now
	if !c.realClock {
		signAt = c.now()
	}
	var deadline time.Time
	if c.timeout > 0 {
		deadline = start.Add(c.timeout)
	}
	var lent *transport.Response // one for every attempt
	if c.reuser != nil {
		lent = &s.resp
	} else if !deadline.IsZero() {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, deadline)
		defer cancel()
	}
	for attempt := 1; ; attempt++ {
		if attempt > 1 {
			signAt = c.now() // signed afresh: no attempt carries a stale timestamp
		}
		resp, err := c.attempt(ctx, r, s, deadline, lent, signAt)
		switch {
		case err != nil:
			resp = nil
			err = &TransportError{Method: r.method, Path: r.path, Err: err}
		case resp == nil:
			err = &TransportError{Method: r.method, Path: r.path, Err: errNoResponse}
		default:
			err = errorFromResponse(r.method, r.path, resp)
		}
		c.logAttempt(ctx, r, attempt, resp, err, start)
		if err == nil {
			return resp, nil
		}
		wait, retry := c.retry.next(ctx, deadline, r.method, c.retryKeyed && r.header != nil, attempt, resp, err, start)
		if !retry {
			return nil, err
		}
		c.logRetry(ctx, r, attempt, wait, err)
		if werr := sleep(ctx, wait); werr != nil {
			// Keep both: the last failure, and that the context ended the
			// wait (so errors.Is(err, context.Canceled) holds).
			return nil, fmt.Errorf("%w (retry abandoned: %w)", err, werr)
		}
	}
}

// errNoResponse is the cause of the TransportError for a Doer that broke
// its contract by returning neither a response nor an error.
var errNoResponse = errors.New("transport returned no response and no error")

// attempt signs r at signAt into s and hands it to the transport:
// to DoInto with lent and deadline on the fast path, else to Do. The
// signature covers the path exactly as it goes on the wire, escaped, as
// the service checks it. A transport's error leaves without the signed
// query, whatever the transport put in it.
func (c *Client) attempt(ctx context.Context, r call, s *callScratch, deadline time.Time, lent *transport.Response, signAt time.Time) (*transport.Response, error) {
	u := append(s.url[:0], c.baseURL...)
	pathStart := len(u)
	u = appendEscapedPath(u, r.path)
	wirePath := r.path
	if len(u)-pathStart != len(r.path) {
		wirePath = string(u[pathStart:])
	}
	u = append(u, '?')
	u = c.signer.AppendQuery(u, r.method, wirePath, r.params, r.body, signAt.Unix())
	s.url = u
	header := c.headers.get
	if len(r.body) > 0 {
		header = c.headers.json
	}
	req := &s.req
	*req = transport.Request{Method: r.method, Header: header.Fields(), Body: r.body}
	if r.header != nil {
		req.Header, header = r.header, nil
	}
	if lent != nil {
		// The fast path's URL is the scratch buffer itself, valid until
		// the next attempt or putScratch: fastpath.Doer uses req only
		// during the call.
		req.URL = unsafe.String(unsafe.SliceData(u), len(u))
		if err := c.reuser.DoInto(ctx, req, header, deadline, lent); err != nil {
			return nil, redact.Error(err, req.URL)
		}
		return lent, nil
	}
	req.URL = string(u) // a Doer may keep it, e.g. a test's recorder
	resp, err := c.doer.Do(ctx, req)
	return resp, redact.Error(err, req.URL)
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
	clean := 0 // the first byte to escape, or len(path): appended in one go
	for clean < len(path) && !pathEscaped[path[clean]] {
		clean++
	}
	dst = append(dst, path[:clean]...)
	for i := clean; i < len(path); i++ {
		b := path[i]
		if pathEscaped[b] {
			dst = append(dst, '%', hexDigits[b>>4], hexDigits[b&15])
			continue
		}
		dst = append(dst, b)
	}
	return dst
}

// pathEscaped[b] reports whether appendEscapedPath escapes the byte b. It
// is read only.
var pathEscaped = func() (t [256]bool) {
	for b := range 256 {
		t[b] = b == '#' || b == '?' || b == '%' || b <= ' ' || b >= 0x7f
	}
	return t
}()
