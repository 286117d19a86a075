package transporttest

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/go-pusher/channels/transport"
)

// holdDeadline is the ctx deadline checkDeadline gives a call the server
// never answers.
const holdDeadline = 200 * time.Millisecond

// checkDeadline: a call to a server that never answers returns soon after
// the ctx deadline with an error wrapping context.DeadlineExceeded.
func checkDeadline(d transport.Doer) error {
	s := startServer(func(s *testServer, _ http.ResponseWriter, r *http.Request) { s.hold(r) })
	defer s.Close()

	ctx, cancel := context.WithTimeout(context.Background(), holdDeadline)
	defer cancel()
	call := startCall(ctx, d, &transport.Request{Method: http.MethodGet, URL: s.URL + "/hold?auth_signature=x"})
	return call.endsWith(s, holdDeadline+promptness, "a call past its ctx deadline", context.DeadlineExceeded)
}

// checkCancelInFlight: cancelling ctx while the server holds the request
// makes Do return promptly with an error wrapping context.Canceled.
func checkCancelInFlight(d transport.Doer) error {
	arrived := make(chan struct{}, 1)
	s := startServer(func(s *testServer, _ http.ResponseWriter, r *http.Request) {
		select {
		case arrived <- struct{}{}:
		default:
		}
		s.hold(r)
	})
	defer s.Close()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	call := startCall(ctx, d, &transport.Request{Method: http.MethodPost, URL: s.URL + "/hold", Body: []byte(`{}`)})
	select {
	case <-arrived:
	case <-call.done:
		return fmt.Errorf("Do returned before the server held the request: %v", call.err)
	case <-time.After(callTimeout):
		s.Close()
		call.wait()
		return errors.New("the request never reached the server")
	}
	cancel()
	return call.endsWith(s, promptness, "a call whose ctx was cancelled", context.Canceled)
}

// checkCancelledBeforeSend: a ctx that is already done means an error
// wrapping its cause and nothing sent.
func checkCancelledBeforeSend(d transport.Doer) error {
	s := startServer(func(_ *testServer, w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
	defer s.Close()

	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	expired, cancelExpired := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancelExpired()

	var errs []error
	for _, c := range []struct {
		name string
		ctx  context.Context
		want error
	}{
		{"cancelled", cancelled, context.Canceled},
		{"expired", expired, context.DeadlineExceeded},
	} {
		resp, err := safeDo(c.ctx, d, &transport.Request{Method: http.MethodPost, URL: s.URL + "/events", Body: []byte(`{}`)})
		if err := wantError(c.name, resp, err); err != nil {
			errs = append(errs, err)
			continue
		}
		if !errors.Is(err, c.want) {
			errs = append(errs, fmt.Errorf("%s: error %q does not wrap %v", c.name, err, c.want))
		}
	}
	s.Close() // waits for any handler, so the count below is final
	if n := s.requests.Load(); n != 0 {
		errs = append(errs, fmt.Errorf("server received %d requests under a done ctx, want 0", n))
	}
	return errors.Join(errs...)
}
