package transporttest

import (
	"context"
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

// checkBodyCap: a body of exactly MaxBodyBytes is accepted; one byte
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
	limit := MaxBodyBytes
	ok("body at the cap", fmt.Sprintf("n=%d", limit), limit)
	ok("chunked body at the cap", fmt.Sprintf("n=%d&chunked=1", limit), limit)
	tooLarge("body one byte over the cap", fmt.Sprintf("n=%d", limit+1))
	tooLarge("chunked body one byte over the cap", fmt.Sprintf("n=%d&chunked=1", limit+1))
	tooLarge("body far over the cap", fmt.Sprintf("n=%d", 16*limit))
	ok("call after the oversized bodies", "n=2", 2)
	return errors.Join(errs...)
}

// checkBadInput: a request that cannot be sent as given is an error, never
// a panic, and nothing reaches the server.
func checkBadInput(d transport.Doer) error {
	s := startServer(func(_ *testServer, w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "ok") })
	defer s.Close()

	hostPort := strings.TrimPrefix(s.URL, "http://")
	cases := []struct {
		name string
		req  *transport.Request
	}{
		{"nil request", nil},
		{"empty URL", &transport.Request{Method: http.MethodGet}},
		{"relative URL", &transport.Request{Method: http.MethodGet, URL: "/apps/1/channels"}},
		{"no scheme", &transport.Request{Method: http.MethodGet, URL: hostPort + "/apps/1/channels"}},
		{"unsupported scheme", &transport.Request{Method: http.MethodGet, URL: "ftp://" + hostPort + "/apps"}},
		{"no host", &transport.Request{Method: http.MethodGet, URL: "http:///apps/1/channels"}},
		{"bad escape in path", &transport.Request{Method: http.MethodGet, URL: s.URL + "/apps/%zz/channels"}},
		{"fragment, which never goes on the wire", &transport.Request{Method: http.MethodGet, URL: s.URL + "/apps/1/channels?a=1#frag"}},
		{"space in method", &transport.Request{Method: "GET /x", URL: s.URL + "/apps"}},
		{"CRLF in method", &transport.Request{Method: "GET\r\n", URL: s.URL + "/apps"}},
		{"CRLF in header value", &transport.Request{Method: http.MethodGet, URL: s.URL + "/apps", Header: http.Header{"X-Evil": {"a\r\nX-Injected: 1"}}}},
		{"LF in header value", &transport.Request{Method: http.MethodGet, URL: s.URL + "/apps", Header: http.Header{"X-Evil": {"a\nX-Injected: 1"}}}},
		{"space in header name", &transport.Request{Method: http.MethodGet, URL: s.URL + "/apps", Header: http.Header{"X Evil": {"a"}}}},
		{"colon in header name", &transport.Request{Method: http.MethodGet, URL: s.URL + "/apps", Header: http.Header{"X-Evil:": {"a"}}}},
	}
	var errs []error
	for _, c := range cases {
		ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
		resp, err := safeDo(ctx, d, c.req)
		cancel()
		if err := wantError(c.name, resp, err); err != nil {
			errs = append(errs, err)
		}
	}
	s.Close()
	if n := s.requests.Load(); n != 0 {
		errs = append(errs, fmt.Errorf("server received %d of the bad requests, want 0", n))
	}
	return errors.Join(errs...)
}

// secretSignature stands for an auth_signature: it must never show up in
// an error's text.
const secretSignature = "5ec7e75197a7b1e0ddba11c0ffee5ec7e75197a7b1e0ddba11c0ffee5ec7e751"

// checkErrorsHideQuery: whatever goes wrong, no error in the chain that Do
// returns mentions the signed query.
func checkErrorsHideQuery(d transport.Doer) error {
	s := startServer(func(s *testServer, w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/reset":
			resetConnection(w)
		case "/hold":
			s.hold(r)
		case "/big":
			_, _ = io.WriteString(w, strings.Repeat("x", 2*MaxBodyBytes))
		}
	})
	defer s.Close()
	closed, err := closedAddress()
	if err != nil {
		return err
	}

	query := "?auth_key=k&auth_timestamp=1700000000&auth_version=1.0&auth_signature=" + secretSignature
	cases := []struct {
		name    string
		url     string
		timeout bool
	}{
		{"connection reset", s.URL + "/reset" + query, false},
		{"connection refused", "http://" + closed + "/apps/1/events" + query, false},
		{"deadline", s.URL + "/hold" + query, true},
		{"body too large", s.URL + "/big" + query, false},
		{"bad escape", s.URL + "/apps/%zz" + query, false},
		{"bad escape in host", "http://%zz" + query, false},
		{"fragment", s.URL + "/apps" + query + "#frag", false},
		{"control character", s.URL + "/apps" + query + "\x7f\x00", false},
	}
	var errs []error
	for _, c := range cases {
		timeout := callTimeout
		if c.timeout {
			timeout = holdDeadline
		}
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		resp, err := safeDo(ctx, d, &transport.Request{Method: http.MethodPost, URL: c.url, Body: []byte(`{}`)})
		cancel()
		if err := wantError(c.name, resp, err); err != nil {
			errs = append(errs, err)
			continue
		}
		if leak := leaksSecret(err); leak != "" {
			errs = append(errs, fmt.Errorf("%s: the signed query shows in %s", c.name, leak))
		}
	}
	return errors.Join(errs...)
}

// leaksSecret walks err's whole chain and names the first rendering that
// contains secretSignature, or returns "".
func leaksSecret(err error) string {
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
		if strings.Contains(fmt.Sprintf(verb, err), secretSignature) {
			return verb + " of the returned error"
		}
	}
	queue := []error{err}
	for len(queue) > 0 {
		e := queue[0]
		queue = queue[1:]
		if e == nil {
			continue
		}
		if strings.Contains(e.Error(), secretSignature) || strings.Contains(fmt.Sprintf("%+v", e), secretSignature) {
			return fmt.Sprintf("a wrapped %T", e)
		}
		switch u := e.(type) {
		case interface{ Unwrap() error }:
			queue = append(queue, u.Unwrap())
		case interface{ Unwrap() []error }:
			queue = append(queue, u.Unwrap()...)
		}
	}
	return ""
}
