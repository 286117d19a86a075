package resty

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"github.com/go-resty/resty/v2"

	"github.com/go-pusher/channels/transport"
	"github.com/go-pusher/channels/transport/internal/reqcheck"
)

// Doer is a transport.Doer on a resty client. It is safe for concurrent
// use.
type Doer struct {
	client       *resty.Client
	maxBodyBytes int
	targets      reqcheck.TargetChecker
}

var (
	_ transport.Doer       = (*Doer)(nil)
	_ transport.IdleCloser = (*Doer)(nil)
)

// New returns a Doer on a resty client of its own (no cookie jar, pooled
// connections), unless WithClient supplies one. Either way resty's retries
// and redirects are switched off.
func New(opts ...Option) *Doer {
	var cfg config
	for _, opt := range opts {
		opt(&cfg)
	}
	d := &Doer{client: cfg.client, maxBodyBytes: cfg.maxBodyBytes}
	if d.client == nil {
		d.client = newClient()
	}
	configure(d.client)
	if d.maxBodyBytes <= 0 {
		d.maxBodyBytes = transport.DefaultMaxBodyBytes
	}
	return d
}

// Do sends req as it is and returns the response, whatever its status. An
// empty Method means GET. The full URL goes to resty as it is (no query
// params, which resty would re-encode and sort). The error, if any, wraps
// ctx.Err() when ctx ended the call, transport.ErrBodyTooLarge for a body
// over the cap, and transport.ErrInvalidRequest for a request it refuses to send; it
// never quotes the URL's query.
func (d *Doer) Do(ctx context.Context, req *transport.Request) (*transport.Response, error) {
	if d == nil || d.client == nil {
		return nil, errNotBuilt
	}
	if err := reqcheck.Request(req); err != nil {
		return nil, err
	}
	if err := d.targets.Check(req.URL); err != nil {
		return nil, d.fail(ctx, req, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, d.fail(ctx, req, err)
	}
	method := req.Method
	if method == "" {
		method = http.MethodGet
	}
	r := d.client.R().
		SetContext(ctx).
		SetDoNotParseResponse(true).
		SetUnescapeQueryParams(false).
		SetContentLength(true) // else resty sends an empty POST body chunked
	for name, values := range req.Header {
		key := http.CanonicalHeaderKey(name) // resty looks headers up by canonical key
		r.Header[key] = append(r.Header[key], values...)
	}
	if len(req.Body) > 0 {
		// A copy: net/http may still read the body from its own goroutine
		// after Do returns, and the caller reuses req.Body then.
		r.SetBody(bytes.Clone(req.Body))
	}
	res, err := r.Execute(method, req.URL)
	if err != nil {
		closeRaw(res)
		return nil, d.fail(ctx, req, err)
	}
	raw := res.RawResponse
	if raw == nil {
		return nil, d.fail(ctx, req, errors.New("resty returned no response"))
	}
	defer closeRaw(res)
	body, err := readBody(raw, d.maxBodyBytes)
	if err != nil {
		return nil, d.fail(ctx, req, err)
	}
	return &transport.Response{StatusCode: raw.StatusCode, Header: raw.Header, Body: body}, nil
}

// CloseIdleConnections closes the idle connections of the resty client's
// underlying http.Client.
func (d *Doer) CloseIdleConnections() {
	if d != nil && d.client != nil {
		d.client.GetClient().CloseIdleConnections()
	}
}

// closeRaw closes the raw body resty left open, if any.
func closeRaw(res *resty.Response) {
	if res != nil && res.RawResponse != nil && res.RawResponse.Body != nil {
		_ = res.RawResponse.Body.Close()
	}
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
// ctx that ended the call is wrapped too, whatever resty reported.
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
	return fmt.Errorf("transport/resty: %s %q: %w", method, reqcheck.RedactURL(req.URL), err)
}
