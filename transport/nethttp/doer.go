package nethttp

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"github.com/go-pusher/channels/transport"
	"github.com/go-pusher/channels/transport/internal/exchange"
)

// Doer is a transport.Doer on net/http. It is safe for concurrent use.
type Doer struct {
	client       *http.Client
	maxBodyBytes int
}

var (
	_ transport.Doer       = (*Doer)(nil)
	_ transport.IdleCloser = (*Doer)(nil)
)

// New returns a Doer with its own pooled http.Client, unless WithHTTPClient
// supplies one. It never uses http.DefaultClient.
func New(opts ...Option) *Doer {
	var cfg config
	for _, opt := range opts {
		opt(&cfg)
	}
	d := &Doer{maxBodyBytes: cfg.maxBodyBytes}
	if cfg.client != nil {
		d.client = withoutRedirects(cfg.client)
	} else {
		d.client = newClient()
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
	if d == nil || d.client == nil {
		return nil, errNotBuilt
	}
	if err := exchange.Request(req); err != nil {
		return nil, err
	}
	target, err := exchange.ParseTarget(req.URL)
	if err != nil {
		return nil, exchange.Fail(ctx, adapterName, req, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, exchange.Fail(ctx, adapterName, req, err)
	}
	hreq, err := d.newRequest(ctx, req, target)
	if err != nil {
		return nil, exchange.Fail(ctx, adapterName, req, err)
	}
	hresp, err := d.client.Do(hreq)
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

// CloseIdleConnections closes the idle connections of the Doer's client.
func (d *Doer) CloseIdleConnections() {
	if d != nil && d.client != nil {
		d.client.CloseIdleConnections()
	}
}

// newRequest builds the http.Request for req with target as its URL, so the
// path and query go out exactly as written.
func (d *Doer) newRequest(ctx context.Context, req *transport.Request, target *url.URL) (*http.Request, error) {
	var body io.Reader
	if len(req.Body) > 0 {
		// A copy: net/http may still read the body from its own goroutine
		// after Do returns (RoundTrip closes it asynchronously), and the
		// caller reuses req.Body then.
		body = bytes.NewReader(bytes.Clone(req.Body))
	}
	hreq, err := http.NewRequestWithContext(ctx, req.Method, "", body)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", transport.ErrInvalidRequest, err)
	}
	hreq.URL = target
	hreq.Host = target.Host
	if req.Header != nil {
		hreq.Header = req.Header.Clone()
	}
	return hreq, nil
}
