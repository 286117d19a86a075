package nethttp

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"

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
}

var (
	_ transport.Doer       = (*Doer)(nil)
	_ transport.IdleCloser = (*Doer)(nil)
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
// transport.ErrInvalidRequest for a request it refuses to send; it never
// quotes the URL's query.
func (d *Doer) Do(ctx context.Context, req *transport.Request) (*transport.Response, error) {
	if d == nil || d.client == nil {
		return nil, errNotBuilt
	}
	if err := exchange.Ready(ctx, adapterName, req); err != nil {
		return nil, err
	}
	hreq, err := d.newRequest(ctx, req)
	if err != nil {
		return nil, exchange.Fail(ctx, adapterName, req, err)
	}
	hresp, err := d.send(hreq)
	if err != nil {
		return nil, exchange.Fail(ctx, adapterName, req, err)
	}
	defer func() { _ = hresp.Body.Close() }()
	body, err := exchange.ReadBody(hresp, d.maxBodyBytes)
	if err != nil {
		return nil, exchange.Fail(ctx, adapterName, req, err)
	}
	return &transport.Response{StatusCode: hresp.StatusCode, Header: hresp.Header, Body: body}, nil
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

// newRequest builds the http.Request for req, whose URL has passed
// exchange.CheckTarget: url.Parse then keeps the path as written (RawPath) and the query
// as it is, so both go out byte for byte.
func (d *Doer) newRequest(ctx context.Context, req *transport.Request) (*http.Request, error) {
	var body io.Reader
	if len(req.Body) > 0 {
		// A copy: net/http may still read the body from its own goroutine
		// after Do returns (RoundTrip closes it asynchronously), and the
		// caller reuses req.Body then. A *bytes.Reader, not a pooled
		// ReadCloser that could hand the copy back on Close: net/http
		// writes headers and a body it knows is in memory in one go, and
		// flushes the headers first for any other (a second packet).
		body = bytes.NewReader(bytes.Clone(req.Body))
	}
	hreq, err := http.NewRequestWithContext(ctx, req.Method, req.URL, body)
	if err != nil {
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
