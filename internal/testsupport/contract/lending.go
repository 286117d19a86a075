package contract

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/go-pusher/channels/internal/fastpath"
	"github.com/go-pusher/channels/transport"
)

// lendingDoer runs Do through a ReusingDoer's DoInto, lending it Responses
// from a pool as a client does: each one still holds an earlier answer (at
// first a stale one, with a header, a long body and a status no server
// sends), so every check also shows that DoInto replaces what it is lent.
// Do returns a copy of the answer and puts the lent Response back. Like a
// client, it passes each request's header prepared (fastpath.Header),
// one Header for all requests with the same fields, so the checks also
// show that a Header's fields go out unchanged however many requests of
// every kind they went out on before.
type lendingDoer struct {
	inner   ReusingDoer
	mu      sync.Mutex
	pool    []*transport.Response
	headers map[string]*fastpath.Header // by headerKey
}

// staleResponse is what a lent Response holds before its first call.
func staleResponse() *transport.Response {
	return &transport.Response{
		StatusCode: 599,
		Header:     http.Header{"X-Stale": {"stale"}, "Content-Type": {"stale/stale"}},
		Body:       bytes.Repeat([]byte("stale "), 2048),
	}
}

func (l *lendingDoer) Do(ctx context.Context, req *transport.Request) (*transport.Response, error) {
	if !clientBuilt(req) {
		// The fast path takes only requests a client built, which it does
		// not check again: one no client builds goes through Do, whose
		// checks the bad-input promises are about.
		return l.inner.Do(ctx, req)
	}
	lent := l.take()
	if err := l.inner.DoInto(ctx, req, l.prepared(req.Header), time.Time{}, lent); err != nil {
		l.give(lent)
		return nil, err
	}
	out := &transport.Response{StatusCode: lent.StatusCode, Header: lent.Header.Clone(), Body: bytes.Clone(lent.Body)}
	l.give(lent)
	return out, nil
}

// CloseIdleConnections passes through to the wrapped Doer.
func (l *lendingDoer) CloseIdleConnections() {
	if ic, ok := l.inner.(transport.IdleCloser); ok {
		ic.CloseIdleConnections()
	}
}

// prepared returns the Header prepared for fields like h, making it on
// first use from a copy of h (a check may change its map afterwards).
func (l *lendingDoer) prepared(h http.Header) *fastpath.Header {
	key := headerKey(h)
	l.mu.Lock()
	defer l.mu.Unlock()
	if header, ok := l.headers[key]; ok {
		return header
	}
	if l.headers == nil {
		l.headers = make(map[string]*fastpath.Header)
	}
	header := fastpath.NewHeader(h.Clone())
	l.headers[key] = header
	return header
}

// headerKey is the same string for two headers exactly when they hold the
// same names with the same values in the same order.
func headerKey(h http.Header) string {
	names := slices.Sorted(maps.Keys(h))
	var b strings.Builder
	for _, name := range names {
		fmt.Fprintf(&b, "%q:%q;", name, h[name])
	}
	return b.String()
}

func (l *lendingDoer) take() *transport.Response {
	l.mu.Lock()
	defer l.mu.Unlock()
	if n := len(l.pool); n > 0 {
		resp := l.pool[n-1]
		l.pool = l.pool[:n-1]
		return resp
	}
	return staleResponse()
}

func (l *lendingDoer) give(resp *transport.Response) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.pool = append(l.pool, resp)
}

// safeDoInto calls d.DoInto with no prepared header, turning a panic into
// an error wrapping errPanicked.
func safeDoInto(ctx context.Context, d fastpath.Doer, req *transport.Request, deadline time.Time, resp *transport.Response) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: %v", errPanicked, r)
		}
	}()
	return d.DoInto(ctx, req, nil, deadline, resp)
}

// clientBuilt reports whether req is one pusher.Client could build: a GET
// or POST to an absolute http(s) URL that parses, with no fragment, and
// header names that are valid HTTP and canonical (the client's are), with
// valid values.
func clientBuilt(req *transport.Request) bool {
	if req == nil || (req.Method != http.MethodGet && req.Method != http.MethodPost) {
		return false
	}
	u, err := url.Parse(req.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.Contains(req.URL, "#") {
		return false
	}
	for name, values := range req.Header {
		if name == "" || strings.ContainsAny(name, " \t\r\n:") || name != http.CanonicalHeaderKey(name) {
			return false
		}
		for _, v := range values {
			if strings.ContainsAny(v, "\r\n") {
				return false
			}
		}
	}
	return true
}
