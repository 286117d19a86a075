package transporttest

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/go-pusher/channels/transport"
)

const (
	// callTimeout bounds a call the check expects to succeed, so a broken
	// Doer cannot hang the suite.
	callTimeout = 5 * time.Second
	// promptness is how long after its ctx ends a Doer may take to return.
	promptness = time.Second
)

// errPanicked is wrapped by the error safeDo returns when Do panics.
var errPanicked = errors.New("Do panicked")

// safeDo calls d.Do, turning a panic into an error wrapping errPanicked.
func safeDo(ctx context.Context, d transport.Doer, req *transport.Request) (resp *transport.Response, err error) {
	defer func() {
		if r := recover(); r != nil {
			resp, err = nil, fmt.Errorf("%w: %v", errPanicked, r)
		}
	}()
	return d.Do(ctx, req)
}

// send calls d with a fresh request and callTimeout.
func send(d transport.Doer, method, url string, header http.Header, body []byte) (*transport.Response, error) {
	ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
	defer cancel()
	return safeDo(ctx, d, &transport.Request{Method: method, URL: url, Header: header, Body: body})
}

// wantResponse is nil when the call succeeded with a non-nil response.
func wantResponse(what string, resp *transport.Response, err error) error {
	switch {
	case err != nil:
		return fmt.Errorf("%s: unexpected error: %w", what, err)
	case resp == nil:
		return fmt.Errorf("%s: nil response and nil error", what)
	}
	return nil
}

// wantError is nil when the call failed cleanly: an error, no panic, and
// no response alongside it.
func wantError(what string, resp *transport.Response, err error) error {
	switch {
	case errors.Is(err, errPanicked):
		return fmt.Errorf("%s: %w", what, err)
	case err == nil:
		return fmt.Errorf("%s: got status %d and no error, want an error", what, statusOf(resp))
	case resp != nil:
		return fmt.Errorf("%s: got a response (status %d) alongside error %v, want nil", what, resp.StatusCode, err)
	}
	return nil
}

func statusOf(resp *transport.Response) int {
	if resp == nil {
		return 0
	}
	return resp.StatusCode
}

// timedCall runs Do in its own goroutine and reports whether it returned
// within limit. If it did not, the call is still running: the caller must
// release whatever holds it and then call wait before returning.
type timedCall struct {
	done chan struct{}
	resp *transport.Response
	err  error
}

func startCall(ctx context.Context, d transport.Doer, req *transport.Request) *timedCall {
	c := &timedCall{done: make(chan struct{})}
	go func() {
		defer close(c.done)
		c.resp, c.err = safeDo(ctx, d, req)
	}()
	return c
}

// within waits up to limit for the call to return.
func (c *timedCall) within(limit time.Duration) bool {
	timer := time.NewTimer(limit)
	defer timer.Stop()
	select {
	case <-c.done:
		return true
	case <-timer.C:
		return false
	}
}

// wait blocks until the call has returned.
func (c *timedCall) wait() { <-c.done }

// endsWith requires the call to return within limit with an error
// wrapping want; a call still running is let go by closing s.
func (c *timedCall) endsWith(s *testServer, limit time.Duration, what string, want error) error {
	if !c.within(limit) {
		s.Close()
		c.wait()
		return fmt.Errorf("%s: Do still running after %v", what, limit)
	}
	if err := wantError(what, c.resp, c.err); err != nil {
		return err
	}
	if !errors.Is(c.err, want) {
		return fmt.Errorf("%s: error %q does not wrap %v", what, c.err, want)
	}
	return nil
}
