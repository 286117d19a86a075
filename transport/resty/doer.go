package resty

import (
	"bytes"
	"context"
	"errors"
	"net/http"

	"github.com/go-resty/resty/v2"

	"github.com/go-pusher/channels/transport"
	"github.com/go-pusher/channels/transport/internal/exchange"
)

// Doer is a transport.Doer on a resty client. It is safe for concurrent
// use.
type Doer struct {
	client       *resty.Client
	maxBodyBytes int
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
// over the cap, and transport.ErrInvalidRequest for a request it refuses to
// send; it never quotes the URL's query.
func (d *Doer) Do(ctx context.Context, req *transport.Request) (*transport.Response, error) {
	if d == nil || d.client == nil {
		return nil, errNotBuilt
	}
	if err := exchange.Ready(ctx, adapterName, req); err != nil {
		return nil, err
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
		return nil, exchange.Fail(ctx, adapterName, req, err)
	}
	raw := res.RawResponse
	if raw == nil {
		return nil, exchange.Fail(ctx, adapterName, req, errors.New("resty returned no response"))
	}
	defer closeRaw(res)
	body, err := exchange.ReadBody(raw, d.maxBodyBytes)
	if err != nil {
		return nil, exchange.Fail(ctx, adapterName, req, err)
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
