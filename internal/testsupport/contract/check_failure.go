package contract

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-pusher/channels/transport"
)

// checkConnectionReset: a server that resets the connection yields an
// error (no panic, no response), the request is not retried, and the Doer
// still works afterwards.
func checkConnectionReset(d transport.Doer) error {
	s := startServer(func(_ *testServer, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/ok" {
			_, _ = io.WriteString(w, "ok")
			return
		}
		resetConnection(w)
	})
	defer s.Close()

	var errs []error
	for _, method := range []string{http.MethodGet, http.MethodPost} {
		before := s.requests.Load()
		resp, err := send(d, method, s.URL+"/reset", nil, nil)
		if err := wantError(method+" to a resetting server", resp, err); err != nil {
			errs = append(errs, err)
		}
		if n := s.requests.Load() - before; n != 1 {
			errs = append(errs, fmt.Errorf("%s: server received %d requests, want 1 (the Doer retried on its own)", method, n))
		}
	}
	resp, err := send(d, http.MethodGet, s.URL+"/ok", nil, nil)
	if err := wantResponse("call after the resets", resp, err); err != nil {
		errs = append(errs, err)
	} else if string(resp.Body) != "ok" {
		errs = append(errs, fmt.Errorf("call after the resets: body %q", resp.Body))
	}
	return errors.Join(errs...)
}

// checkBodyCap: a body of exactly TestMaxBodyBytes is accepted; one byte
// more, with or without Content-Length, is an error wrapping
// transport.ErrBodyTooLarge; the Doer keeps working after that.
func checkBodyCap(d transport.Doer) error {
	s := startServer(func(_ *testServer, w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.URL.Query().Get("n"))
		body := strings.Repeat("x", n)
		if r.URL.Query().Get("chunked") == "1" {
			// Flushing before the end leaves out Content-Length.
			half := len(body) / 2
			_, _ = io.WriteString(w, body[:half])
			http.NewResponseController(w).Flush()
			_, _ = io.WriteString(w, body[half:])
			return
		}
		w.Header().Set("Content-Length", strconv.Itoa(n))
		_, _ = io.WriteString(w, body)
	})
	defer s.Close()

	var errs []error
	ok := func(what, query string, n int) {
		resp, err := send(d, http.MethodGet, s.URL+"/body?"+query, nil, nil)
		if err := wantResponse(what, resp, err); err != nil {
			errs = append(errs, err)
			return
		}
		if len(resp.Body) != n {
			errs = append(errs, fmt.Errorf("%s: got %d body bytes, want %d", what, len(resp.Body), n))
		}
	}
	tooLarge := func(what, query string) {
		resp, err := send(d, http.MethodGet, s.URL+"/body?"+query, nil, nil)
		if err := wantError(what, resp, err); err != nil {
			errs = append(errs, err)
			return
		}
		if !errors.Is(err, transport.ErrBodyTooLarge) {
			errs = append(errs, fmt.Errorf("%s: error %q does not wrap transport.ErrBodyTooLarge", what, err))
		}
	}
	limit := TestMaxBodyBytes
	ok("body at the cap", fmt.Sprintf("n=%d", limit), limit)
	ok("chunked body at the cap", fmt.Sprintf("n=%d&chunked=1", limit), limit)
	tooLarge("body one byte over the cap", fmt.Sprintf("n=%d", limit+1))
	tooLarge("chunked body one byte over the cap", fmt.Sprintf("n=%d&chunked=1", limit+1))
	tooLarge("body far over the cap", fmt.Sprintf("n=%d", 16*limit))
	ok("call after the oversized bodies", "n=2", 2)
	return errors.Join(errs...)
}
