package nethttp_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/go-pusher/channels/transport"
	"github.com/go-pusher/channels/transport/nethttp"
)

// TestZeroDoerErrors: a Doer not built by New answers with an error, not a
// panic.
func TestZeroDoerErrors(t *testing.T) {
	req := &transport.Request{Method: http.MethodGet, URL: "http://127.0.0.1:1/apps/1/channels"}
	var zero nethttp.Doer
	if _, err := zero.Do(context.Background(), req); err == nil {
		t.Error("zero Doer: no error")
	}
	zero.CloseIdleConnections()
	var none *nethttp.Doer
	if _, err := none.Do(context.Background(), req); err == nil {
		t.Error("nil *Doer: no error")
	}
	none.CloseIdleConnections()
}

// TestDoIntoBadInputIsError: DoInto on a zero or nil Doer, with a nil
// request, a nil Response or both, returns an error and never panics.
func TestDoIntoBadInputIsError(t *testing.T) {
	req := &transport.Request{Method: http.MethodGet, URL: "http://127.0.0.1:1/apps/1/channels"}
	built := nethttp.New()
	defer built.CloseIdleConnections()
	var zero nethttp.Doer
	var none *nethttp.Doer
	for _, c := range []struct {
		name string
		d    *nethttp.Doer
		req  *transport.Request
		resp *transport.Response
	}{
		{"zero Doer", &zero, req, new(transport.Response)},
		{"nil Doer", none, req, new(transport.Response)},
		{"nil request", built, nil, new(transport.Response)},
		{"nil Response", built, req, nil},
		{"nil request and Response", built, nil, nil},
	} {
		if err := c.d.DoInto(context.Background(), c.req, time.Time{}, c.resp); err == nil {
			t.Errorf("%s: no error", c.name)
		} else if c.resp == nil && c.req != nil && !errors.Is(err, transport.ErrInvalidRequest) {
			t.Errorf("%s: error %v does not wrap transport.ErrInvalidRequest", c.name, err)
		}
	}
}
