package fasthttp

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/valyala/fasthttp"

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
	maxBodyBytes int
	timeout      time.Duration
	targets      exchange.TargetChecker
}

var (
	_ transport.Doer       = (*Doer)(nil)
	_ transport.IdleCloser = (*Doer)(nil)
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
	case cfg.hostClient != nil:
		d.client, d.normalizes = cfg.hostClient, !cfg.hostClient.DisablePathNormalizing
	default:
		d.client = newClient(cfg)
	}
	return d
}

// Do sends req as it is and returns the response, whatever its status. An
// empty Method means GET.
//
// The call runs under ctx's deadline, or the Doer's timeout when ctx has
// none. fasthttp cannot abort a call in flight, so when ctx can be cancelled
// the call runs in a goroutine: Do returns as soon as ctx is done, and the
// goroutine finishes on its own by that deadline at the latest, releasing
// fasthttp's request and response only then.
//
// The error, if any, wraps ctx.Err() when ctx ended the call,
// transport.ErrBodyTooLarge for a body over the cap, and transport.ErrInvalidRequest
// or ErrPathNormalization for a request it refuses to send; it never quotes
// the URL's query.
func (d *Doer) Do(ctx context.Context, req *transport.Request) (*transport.Response, error) {
	return d.do(ctx, req, time.Time{})
}

// DoDeadline is Do bounded by deadline too, the sooner of it and ctx's.
// With a ctx that can never be cancelled, the call runs on the caller's
// goroutine; a call cut off by deadline fails with an error wrapping
// context.DeadlineExceeded.
func (d *Doer) DoDeadline(ctx context.Context, req *transport.Request, deadline time.Time) (*transport.Response, error) {
	return d.do(ctx, req, deadline)
}

// do is Do with an extra deadline (zero for none).
func (d *Doer) do(ctx context.Context, req *transport.Request, callerDeadline time.Time) (*transport.Response, error) {
	if d == nil || d.client == nil {
		return nil, errNotBuilt
	}
	if err := exchange.Request(req); err != nil {
		return nil, err
	}
	if err := d.targets.Check(req.URL); err != nil {
		return nil, exchange.Fail(ctx, adapterName, req, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, exchange.Fail(ctx, adapterName, req, err)
	}
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
	if err := d.fill(freq, fresp, req); err != nil {
		fasthttp.ReleaseRequest(freq)
		fasthttp.ReleaseResponse(fresp)
		return nil, exchange.Fail(ctx, adapterName, req, err)
	}

	if ctx.Done() == nil { // never cancelled: no need for a goroutine
		resp, err := d.exchange(freq, fresp, deadline)
		return d.result(ctx, req, deadline, ctxDeadline, ctxOwnsDeadline, resp, err)
	}
	done := make(chan outcome, 1)
	go func() {
		resp, err := d.exchange(freq, fresp, deadline)
		done <- outcome{resp, err}
	}()
	select {
	case o := <-done:
		return d.result(ctx, req, deadline, ctxDeadline, ctxOwnsDeadline, o.resp, o.err)
	case <-ctx.Done():
		return nil, exchange.Fail(ctx, adapterName, req, ctx.Err())
	}
}

// CloseIdleConnections closes the client's idle connections.
func (d *Doer) CloseIdleConnections() {
	if d != nil && d.client != nil {
		d.client.CloseIdleConnections()
	}
}

// outcome is what the goroutine running a call hands back.
type outcome struct {
	resp *transport.Response
	err  error
}

// fill copies req into freq, so nothing the caller owns is referenced once
// Do returns, and makes sure the URL will go out byte for byte.
func (d *Doer) fill(freq *fasthttp.Request, fresp *fasthttp.Response, req *transport.Request) error {
	freq.SetRequestURI(req.URL)
	uri := freq.URI()
	if d.normalizes {
		uri.DisablePathNormalizing = true
		asWritten := string(uri.RequestURI())
		uri.DisablePathNormalizing = false
		if !bytes.Equal(uri.RequestURI(), []byte(asWritten)) {
			return ErrPathNormalization
		}
	}
	uri.DisablePathNormalizing = true
	if req.Method != "" {
		freq.Header.SetMethod(req.Method)
	}
	freq.Header.SetNoDefaultContentType(true)
	for name, values := range req.Header {
		switch http.CanonicalHeaderKey(name) {
		case "Host", "Content-Length", "Transfer-Encoding", "Trailer":
			continue // set from the URL and body, as net/http does
		}
		for _, v := range values {
			freq.Header.Add(name, v)
		}
	}
	if len(req.Body) > 0 {
		freq.SetBody(req.Body) // copies
	}
	fresp.Header.SetNoDefaultContentType(true)
	return nil
}

// exchange runs the call and copies the response out of fasthttp's pooled
// buffers, then releases freq and fresp: nothing else may touch them after.
func (d *Doer) exchange(freq *fasthttp.Request, fresp *fasthttp.Response, deadline time.Time) (*transport.Response, error) {
	defer fasthttp.ReleaseRequest(freq)
	defer fasthttp.ReleaseResponse(fresp)
	if err := d.client.DoDeadline(freq, fresp, deadline); err != nil {
		return nil, err
	}
	body := fresp.Body()
	if len(body) > d.maxBodyBytes {
		return nil, transport.ErrBodyTooLarge
	}
	return &transport.Response{
		StatusCode: fresp.StatusCode(),
		Header:     copyHeader(&fresp.Header),
		Body:       bytes.Clone(body),
	}, nil
}

// copyHeader copies h into an http.Header in three allocations whatever
// the number of fields: the map, one string holding every name and value,
// and one slice of all the values. (A name that repeats costs one more.)
func copyHeader(h *fasthttp.ResponseHeader) http.Header {
	n, size := 0, 0
	for k, v := range h.All() {
		n++
		size += len(k) + len(v)
	}
	header := make(http.Header, n)
	if n == 0 {
		return header
	}
	var sb strings.Builder
	sb.Grow(size)
	for k, v := range h.All() {
		sb.Write(k)
		sb.Write(v)
	}
	all := sb.String()
	values := make([]string, n)
	i, off := 0, 0
	for k, v := range h.All() {
		key := http.CanonicalHeaderKey(all[off : off+len(k)])
		off += len(k)
		values[i] = all[off : off+len(v)]
		off += len(v)
		if prev, ok := header[key]; ok {
			header[key] = append(prev, values[i])
		} else {
			header[key] = values[i : i+1 : i+1]
		}
		i++
	}
	return header
}

// deadlineSkew is how close to ctx's deadline a fasthttp timeout counts as
// that deadline: the two timers fire independently.
const deadlineSkew = 50 * time.Millisecond

// result maps fasthttp's errors onto the contract's: a body over the cap
// wraps transport.ErrBodyTooLarge, and a timeout at ctx's deadline wraps
// context.DeadlineExceeded even if fasthttp's timer fired first.
func (d *Doer) result(ctx context.Context, req *transport.Request, deadline time.Time, ctxDeadline, ctxOwnsDeadline bool, resp *transport.Response, err error) (*transport.Response, error) {
	switch {
	case err == nil:
		return resp, nil
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
	return nil, exchange.Fail(ctx, adapterName, req, err)
}

// isTimeout reports whether err says a timeout ended the call.
func isTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.Is(err, fasthttp.ErrTimeout) || errors.Is(err, fasthttp.ErrDialTimeout) ||
		errors.Is(err, fasthttp.ErrTLSHandshakeTimeout) || (errors.As(err, &t) && t.Timeout())
}
