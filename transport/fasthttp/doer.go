package fasthttp

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/valyala/fasthttp"

	"github.com/go-pusher/channels/internal/fastpath"
	"github.com/go-pusher/channels/transport"
	"github.com/go-pusher/channels/transport/internal/exchange"
)

// ErrPathNormalization is wrapped by the error Do returns, before sending
// anything, when a caller's client (WithClient, WithHostClient) has path
// normalisation on and would rewrite the path of this request.
var ErrPathNormalization = errors.New("transport/fasthttp: the fasthttp client would rewrite the URL path; set DisablePathNormalizing")

// Doer is a transport.Doer on one long-lived fasthttp client. It is safe
// for concurrent use.
type Doer struct {
	client       sender
	normalizes   bool // the client rewrites paths unless told otherwise
	rawNames     bool // the client keeps the answer's header names as received
	maxBodyBytes int
	timeout      time.Duration
	conns        *connSet // the own client's connections; nil for a caller's client
}

var (
	_ transport.Doer       = (*Doer)(nil)
	_ transport.IdleCloser = (*Doer)(nil)
	_ io.Closer            = (*Doer)(nil)
)

// New returns a Doer on a fasthttp.Client of its own, unless WithClient or
// WithHostClient supplies one.
func New(opts ...Option) *Doer {
	var cfg config
	for _, opt := range opts {
		opt(&cfg)
	}
	cfg = cfg.withDefaults()
	d := &Doer{maxBodyBytes: cfg.maxBodyBytes, timeout: cfg.timeout}
	switch {
	case cfg.client != nil:
		d.client, d.normalizes = cfg.client, !cfg.client.DisablePathNormalizing
		d.rawNames = cfg.client.DisableHeaderNamesNormalizing
	case cfg.hostClient != nil:
		d.client, d.normalizes = cfg.hostClient, !cfg.hostClient.DisablePathNormalizing
		d.rawNames = cfg.hostClient.DisableHeaderNamesNormalizing
	default:
		d.conns = new(connSet)
		d.client = newClient(cfg, d.conns)
	}
	return d
}

// Do sends req as it is and returns the response, whatever its status. An
// empty Method means GET.
//
// The call runs under ctx's deadline, or the Doer's timeout when ctx has
// none. fasthttp cannot abort a call in flight, so when ctx can be cancelled
// the call runs in a goroutine: Do returns as soon as ctx is done, and the
// goroutine finishes on its own by that deadline at the latest, or when
// Close closes its connection, releasing fasthttp's request and response
// only then.
//
// The error, if any, wraps ctx.Err() when ctx ended the call,
// transport.ErrBodyTooLarge for a body over the cap, and transport.ErrInvalidRequest
// or ErrPathNormalization for a request it refuses to send; it never quotes
// the URL's query.
func (d *Doer) Do(ctx context.Context, req *transport.Request) (*transport.Response, error) {
	if d == nil || d.client == nil {
		return nil, errNotBuilt
	}
	if err := exchange.Ready(ctx, adapterName, req); err != nil {
		return nil, err
	}
	resp := new(transport.Response)
	if err := d.do(ctx, req, time.Time{}, resp, call{successHeader: true}); err != nil {
		return nil, err
	}
	return resp, nil
}

// DoInto is the fast path a pusher.Client takes: Do writing the answer
// into resp, reusing its Body's capacity and, lent one, its Header's map,
// bounded by callerDeadline too (zero for none), the sooner of it and
// ctx's. With a ctx that can never be cancelled the call runs on the
// caller's goroutine and, once resp's buffers have grown to fit,
// allocates nothing; a call cut off by deadline fails with an error
// wrapping context.DeadlineExceeded. resp must not be nil; on error its
// fields are unspecified. req is one the client built (see
// fastpath.Doer): its method, URL and headers (canonical names) are not
// checked again. With a header (req.Header prepared), its fields are
// copied onto the request in one go from the fasthttp form the adapter
// keeps with header. Lent a Response with a nil Header, a 2xx answer
// without Retry-After leaves it nil (see fastpath.Doer), unless the
// fasthttp client keeps header names as received
// (DisableHeaderNamesNormalizing): then every answer's header is copied.
func (d *Doer) DoInto(ctx context.Context, req *transport.Request, header *fastpath.Header, callerDeadline time.Time, resp *transport.Response) error {
	switch {
	case d == nil || d.client == nil:
		return errNotBuilt
	case req == nil:
		return fmt.Errorf("%w: nil request", transport.ErrInvalidRequest)
	case resp == nil:
		return exchange.Fail(ctx, adapterName, req, errNilResponse)
	case ctx.Err() != nil:
		return exchange.Fail(ctx, adapterName, req, ctx.Err())
	}
	// A client keeping header names as received may hold "retry-after":
	// it copies every answer's header, whose names copying canonicalises.
	c := call{built: true, successHeader: resp.Header != nil || d.rawNames}
	if len(req.Header) == len(header.Fields()) { // header is req.Header prepared; a mismatch goes field by field
		c.preset = presetOf(header)
	}
	return d.do(ctx, req, callerDeadline, resp, c)
}

// call is what Do or DoInto knows about a call beyond its request.
type call struct {
	built         bool          // the client built the request (DoInto): not checked again
	preset        *presetHeader // the request's header in fasthttp's form, or nil
	successHeader bool          // copy the answer's header on a 2xx too
}

// do runs a call Do or DoInto has checked, bounded by callerDeadline too.
func (d *Doer) do(ctx context.Context, req *transport.Request, callerDeadline time.Time, resp *transport.Response, c call) error {
	deadline, ctxDeadline := ctx.Deadline()
	ctxOwnsDeadline := ctxDeadline
	if !callerDeadline.IsZero() && (!ctxDeadline || callerDeadline.Before(deadline)) {
		deadline, ctxDeadline, ctxOwnsDeadline = callerDeadline, true, false
	}
	if !ctxDeadline {
		deadline = time.Now().Add(d.timeout)
	}

	freq := fasthttp.AcquireRequest()
	fresp := fasthttp.AcquireResponse()
	inline := ctx.Done() == nil // never cancelled: the call ends before do returns
	if err := d.fill(freq, fresp, req, c, inline); err != nil {
		fasthttp.ReleaseRequest(freq)
		fasthttp.ReleaseResponse(fresp)
		return exchange.Fail(ctx, adapterName, req, err)
	}

	if inline { // no need for a goroutine
		err := d.exchange(freq, fresp, deadline, resp, c.successHeader)
		return d.result(ctx, req, deadline, ctxDeadline, ctxOwnsDeadline, err)
	}
	// The goroutine may outlive this call, so it fills a Response of its
	// own: resp is the caller's again the moment do returns.
	done := make(chan outcome, 1)
	go func() {
		var own transport.Response
		err := d.exchange(freq, fresp, deadline, &own, c.successHeader)
		done <- outcome{own, err}
	}()
	select {
	case o := <-done:
		if o.err == nil {
			*resp = o.resp
		}
		return d.result(ctx, req, deadline, ctxDeadline, ctxOwnsDeadline, o.err)
	case <-ctx.Done():
		return exchange.Fail(ctx, adapterName, req, ctx.Err())
	}
}

// CloseIdleConnections closes the client's idle connections.
func (d *Doer) CloseIdleConnections() {
	if d != nil && d.client != nil {
		d.client.CloseIdleConnections()
	}
}

// Close closes every connection of the Doer's own client, idle or in use,
// so that calls still running end at once, those whose ctx was cancelled
// included (fasthttp cannot interrupt them otherwise); later calls fail.
// On a Doer sending through a caller's client (WithClient,
// WithHostClient) it closes that client's idle connections only: the
// client stays the caller's. It always returns nil.
func (d *Doer) Close() error {
	if d == nil || d.client == nil {
		return nil
	}
	d.client.CloseIdleConnections()
	if d.conns != nil {
		d.conns.close()
	}
	return nil
}

// outcome is what the goroutine running a call hands back.
type outcome struct {
	resp transport.Response
	err  error
}

// fill copies req into freq, so nothing the caller owns is referenced
// once Do returns, and makes sure the URL will go out byte for byte. An
// inline call (one that ends before do returns) sends req's body without
// copying it; a request the client built has canonical header names
// already; a preset is req.Header ready to copy.
func (d *Doer) fill(freq *fasthttp.Request, fresp *fasthttp.Response, req *transport.Request, c call, inline bool) error {
	// The header first: copying a preset resets everything else freq's
	// header holds (method and request target included).
	if c.preset != nil {
		c.preset.copyTo(&freq.Header)
	} else {
		setHeader(&freq.Header, req.Header, c.built)
	}
	freq.SetRequestURI(req.URL)
	if d.normalizes {
		// A caller's client that rewrites paths: refuse a URL it would
		// rewrite, and send the others as written. (A client with
		// DisablePathNormalizing sets it on every request itself.)
		uri := freq.URI()
		uri.DisablePathNormalizing = true
		asWritten := string(uri.RequestURI())
		uri.DisablePathNormalizing = false
		if !bytes.Equal(uri.RequestURI(), []byte(asWritten)) {
			return ErrPathNormalization
		}
		uri.DisablePathNormalizing = true
	}
	if req.Method != "" {
		freq.Header.SetMethod(req.Method)
	}
	switch {
	case len(req.Body) == 0:
	case inline:
		freq.SetBodyRaw(req.Body) // released with freq before do returns
	default:
		freq.SetBody(req.Body) // copies: the call may outlive do
	}
	fresp.Header.SetNoDefaultContentType(true)
	return nil
}

// setHeader sets header's fields on h, the way net/http would send them:
// Host and the body's framing come from the URL and body instead. canonical
// says header's names are canonical already.
func setHeader(h *fasthttp.RequestHeader, header http.Header, canonical bool) {
	h.SetNoDefaultContentType(true)
	for name, values := range header {
		key := name
		if !canonical {
			key = http.CanonicalHeaderKey(name)
		}
		switch {
		case key == "Host", key == "Content-Length", key == "Transfer-Encoding", key == "Trailer":
			continue // set from the URL and body, as net/http does
		case len(values) == 1 && key == "User-Agent":
			h.SetUserAgent(values[0])
		case len(values) == 1 && key == "Content-Type":
			h.SetContentType(values[0])
		default:
			for _, v := range values {
				h.Add(name, v)
			}
		}
	}
}

// exchange runs the call and copies the answer out of fasthttp's pooled
// buffers into resp, reusing resp's (the header of a 2xx without
// Retry-After only with successHeader), then releases freq and fresp:
// nothing else may touch them after.
func (d *Doer) exchange(freq *fasthttp.Request, fresp *fasthttp.Response, deadline time.Time, resp *transport.Response, successHeader bool) error {
	defer fasthttp.ReleaseRequest(freq)
	defer fasthttp.ReleaseResponse(fresp)
	if err := d.client.DoDeadline(freq, fresp, deadline); err != nil {
		return err
	}
	body := fresp.Body()
	if len(body) > d.maxBodyBytes {
		return transport.ErrBodyTooLarge
	}
	resp.StatusCode = fresp.StatusCode()
	// The name is canonical, as fasthttp stores the answer's names (a
	// client that keeps them as received copies every header, see
	// DoInto): no need to normalise it as Peek would.
	if successHeader || resp.StatusCode < 200 || resp.StatusCode > 299 || len(fresp.Header.PeekCanonical([]byte(fasthttp.HeaderRetryAfter))) > 0 {
		resp.Header = reuseHeader(resp.Header, &fresp.Header)
	}
	resp.Body = append(resp.Body[:0], body...)
	return nil
}

// deadlineSkew is how close to ctx's deadline a fasthttp timeout counts as
// that deadline: the two timers fire independently.
const deadlineSkew = 50 * time.Millisecond

// result maps fasthttp's errors onto the contract's: a body over the cap
// wraps transport.ErrBodyTooLarge, and a timeout at ctx's deadline wraps
// context.DeadlineExceeded even if fasthttp's timer fired first.
func (d *Doer) result(ctx context.Context, req *transport.Request, deadline time.Time, ctxDeadline, ctxOwnsDeadline bool, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, fasthttp.ErrBodyTooLarge):
		err = fmt.Errorf("%w: %w", transport.ErrBodyTooLarge, err)
	case ctxDeadline && ctx.Err() == nil && isTimeout(err) && time.Until(deadline) < deadlineSkew:
		if ctxOwnsDeadline {
			// fasthttp's timer fired just before ctx's: wait the moment for
			// ctx to end too, so the caller never sees a deadline error
			// from a context that is still live.
			<-ctx.Done()
		}
		err = fmt.Errorf("%w: %w", context.DeadlineExceeded, err)
	}
	return exchange.Fail(ctx, adapterName, req, err)
}

// isTimeout reports whether err says a timeout ended the call.
func isTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.Is(err, fasthttp.ErrTimeout) || errors.Is(err, fasthttp.ErrDialTimeout) ||
		errors.Is(err, fasthttp.ErrTLSHandshakeTimeout) || (errors.As(err, &t) && t.Timeout())
}
