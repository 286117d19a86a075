package contract

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/go-pusher/channels/transport"
)

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
			_, _ = io.WriteString(w, strings.Repeat("x", 2*TestMaxBodyBytes))
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
