package contract

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/go-pusher/channels/internal/fastpath"
	"github.com/go-pusher/channels/transport"
)

// RunBadInput checks, as subtests of t, that an adapter's Do (and DoInto,
// if it has the fast path) answer bad input with an error and never panic:
// on built (made by the adapter's New), with a nil request, a nil Response
// or both; and on zero and none, a pointer to the adapter's zero value and
// its nil pointer, with good input. A nil Response wraps
// transport.ErrInvalidRequest. Nothing here needs a server: every call
// fails before sending.
func RunBadInput(t *testing.T, built, zero, none transport.Doer) {
	t.Helper()
	req := &transport.Request{Method: http.MethodGet, URL: "http://127.0.0.1:1/apps/1/channels"}
	cases := []struct {
		name string
		d    transport.Doer
		req  *transport.Request
		resp *transport.Response
	}{
		{"nil request", built, nil, new(transport.Response)},
		{"nil Response", built, req, nil},
		{"nil request and Response", built, nil, nil},
		{"zero Doer", zero, req, new(transport.Response)},
		{"nil Doer", none, req, new(transport.Response)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fast, ok := c.d.(fastpath.Doer)
			if !ok && c.resp == nil {
				return // only DoInto takes a Response
			}
			err := callSafely(func() error {
				if !ok {
					_, err := c.d.Do(context.Background(), c.req)
					return err
				}
				return fast.DoInto(context.Background(), c.req, nil, time.Time{}, c.resp)
			})
			switch {
			case err == nil:
				t.Error("DoInto: no error")
			case errors.Is(err, errPanicked):
				t.Error(err)
			case c.resp == nil && c.req != nil && !errors.Is(err, transport.ErrInvalidRequest):
				t.Errorf("DoInto: error %v does not wrap transport.ErrInvalidRequest", err)
			}
			if c.resp == nil {
				return
			}
			err = callSafely(func() error {
				_, err := c.d.Do(context.Background(), c.req)
				return err
			})
			if err == nil || errors.Is(err, errPanicked) {
				t.Errorf("Do: error %v, want one without a panic", err)
			}
		})
	}
}

// callSafely runs f, turning a panic into an error wrapping errPanicked.
func callSafely(f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: %v", errPanicked, r)
		}
	}()
	return f()
}
