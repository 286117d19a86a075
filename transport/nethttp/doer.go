package nethttp

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/go-pusher/channels/transport"
	"github.com/go-pusher/channels/transport/internal/exchange"
)

// Doer is a transport.Doer on net/http. It is safe for concurrent use.
type Doer struct {
	client *http.Client
	// own is the transport of the client New built itself, which do calls
	// directly: that client has no cookie jar, timeout or redirects to
	// apply, so http.Client would only add a copy of the request header
	// and its redirect bookkeeping to every call. Nil for a caller's
	// client, which keeps all of http.Client's behaviour.
	own          *http.Transport
	maxBodyBytes int
	targets      exchange.TargetChecker
}

var (
	_ transport.Doer        = (*Doer)(nil)
	_ transport.IdleCloser  = (*Doer)(nil)
	_ transport.ReusingDoer = (*Doer)(nil)
)

// New returns a Doer with its own pooled http.Transport, which it calls
// directly, unless WithHTTPClient supplies a client, which it sends
// through with Do. It never uses http.DefaultClient or its transport.
func New(opts ...Option) *Doer {
	var cfg config
	for _, opt := range opts {
		opt(&cfg)
	}
	d := &Doer{maxBodyBytes: cfg.maxBodyBytes}
	if cfg.client != nil {
		d.client = withoutRedirects(cfg.client)
	} else {
		d.own = newTransport()
		d.client = &http.Client{Transport: d.own, CheckRedirect: noRedirects}
	}
	if d.maxBodyBytes <= 0 {
		d.maxBodyBytes = transport.DefaultMaxBodyBytes
	}
	return d
}

// Do sends req as it is and returns the response, whatever its status. An
// empty Method means GET. The error, if any, wraps ctx.Err() when ctx ended
// the call, transport.ErrBodyTooLarge for a body over the cap, and
// transport.ErrInvalidRequest for a request it refuses to send; it never quotes the
// URL's query.
func (d *Doer) Do(ctx context.Context, req *transport.Request) (*transport.Response, error) {
	resp := new(transport.Response)
	if err := d.DoInto(ctx, req, time.Time{}, resp); err != nil {
		return nil, err
	}
	return resp, nil
}

// DoInto is Do writing the answer into resp: the body into the capacity
// of the Body resp held, the header map net/http made in place of resp's.
// A non-zero deadline bounds the call too, the sooner of it and ctx's; a
// call it cuts off fails with an error wrapping context.DeadlineExceeded.
// See transport.ReusingDoer.
func (d *Doer) DoInto(ctx context.Context, req *transport.Request, deadline time.Time, resp *transport.Response) error {
	if d == nil || d.client == nil {
		return errNotBuilt
	}
	if err := exchange.Ready(ctx, adapterName, req, &d.targets, resp); err != nil {
		return err
	}
	ctx, cancel := exchange.Bound(ctx, deadline)
	defer cancel()
	hreq, err := d.newRequest(ctx, req)
	if err != nil {
		return exchange.Fail(ctx, adapterName, req, err)
	}
	hresp, err := d.send(hreq)
	if err != nil {
		return exchange.Fail(ctx, adapterName, req, err)
	}
	defer func() { _ = hresp.Body.Close() }()
	body, err := exchange.AppendBody(resp.Body[:0], hresp, d.maxBodyBytes)
	if err != nil {
		return exchange.Fail(ctx, adapterName, req, err)
	}
	*resp = transport.Response{StatusCode: hresp.StatusCode, Header: hresp.Header, Body: body}
	return nil
}

// send sends hreq through the Doer's own transport, or its caller's
// client.
func (d *Doer) send(hreq *http.Request) (*http.Response, error) {
	if d.own != nil {
		return d.own.RoundTrip(hreq)
	}
	return d.client.Do(hreq)
}

// CloseIdleConnections closes the idle connections of the Doer's client.
func (d *Doer) CloseIdleConnections() {
	if d != nil && d.client != nil {
		d.client.CloseIdleConnections()
	}
}

// newRequest builds the http.Request for req, whose URL d.targets has
// passed: url.Parse then keeps the path as written (RawPath) and the query
// as it is, so both go out byte for byte.
func (d *Doer) newRequest(ctx context.Context, req *transport.Request) (*http.Request, error) {
	var body io.Reader
	if len(req.Body) > 0 {
		// A copy: net/http may still read the body from its own goroutine
		// after Do returns (RoundTrip closes it asynchronously), and the
		// caller reuses req.Body then. A *bytes.Reader, not a pooled
		// ReadCloser that could hand the copy back on Close: net/http
		// writes headers and a body it knows is in memory in one go, and
		// flushes the headers first for any other (a second packet; a
		// quick load harness run measured 28–39 % more client CPU per
		// trigger).
		body = bytes.NewReader(bytes.Clone(req.Body))
	}
	hreq, err := http.NewRequestWithContext(ctx, req.Method, req.URL, body)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // its text would quote the signed URL
		}
		return nil, fmt.Errorf("%w: %w", transport.ErrInvalidRequest, err)
	}
	copyHeader(hreq.Header, req.Header)
	return hreq, nil
}

// copyHeader copies src's fields into dst, an empty map: the values into
// one slice of dst's own, so that nothing of src is shared with net/http,
// which may still be writing the request when Do has returned.
func copyHeader(dst, src http.Header) {
	n := 0
	for _, values := range src {
		n += len(values)
	}
	if n == 0 {
		return
	}
	all := make([]string, n)
	for name, values := range src {
		k := copy(all, values)
		dst[name] = all[:k:k]
		all = all[k:]
	}
}
