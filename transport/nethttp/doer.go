package nethttp

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"github.com/go-pusher/channels/transport"
	"github.com/go-pusher/channels/transport/internal/reqcheck"
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
	if err := reqcheck.Request(req); err != nil {
		return nil, err
	}
	target, err := reqcheck.ParseTarget(req.URL)
	if err != nil {
		return nil, d.fail(ctx, req, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, d.fail(ctx, req, err)
	}
	hreq, err := d.newRequest(ctx, req, target)
	if err != nil {
		return nil, d.fail(ctx, req, err)
	}
	hresp, err := d.client.Do(hreq)
	if err != nil {
		return nil, d.fail(ctx, req, err)
	}
	defer func() { _ = hresp.Body.Close() }()
	body, err := readBody(hresp, d.maxBodyBytes)
	if err != nil {
		return nil, d.fail(ctx, req, err)
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

// readBody reads the whole body, failing with transport.ErrBodyTooLarge as
// soon as it is known to exceed limit.
func readBody(resp *http.Response, limit int) ([]byte, error) {
	if resp.ContentLength > int64(limit) {
		return nil, transport.ErrBodyTooLarge
	}
	var buf bytes.Buffer
	if resp.ContentLength > 0 {
		buf.Grow(int(resp.ContentLength) + bytes.MinRead)
	}
	if _, err := buf.ReadFrom(io.LimitReader(resp.Body, int64(limit)+1)); err != nil {
		return nil, err
	}
	if buf.Len() > limit {
		return nil, transport.ErrBodyTooLarge
	}
	return buf.Bytes(), nil
}

// fail wraps err with the method and the URL minus its query. net/http's
// *url.Error is dropped for its cause, as its text quotes the whole URL; a
// ctx that ended the call is wrapped too, whatever net/http reported.
func (d *Doer) fail(ctx context.Context, req *transport.Request, err error) error {
	if ue, ok := err.(*url.Error); ok {
		err = ue.Err
	}
	if cerr := ctx.Err(); cerr != nil && !errors.Is(err, cerr) {
		err = fmt.Errorf("%w: %w", cerr, err)
	}
	method := req.Method
	if method == "" {
		method = http.MethodGet
	}
	return fmt.Errorf("transport/nethttp: %s %q: %w", method, reqcheck.RedactURL(req.URL), err)
}
