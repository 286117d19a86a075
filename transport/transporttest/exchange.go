package transporttest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"sync"

	"github.com/go-pusher/channels/transport"
)

// checkMethodsAndHeaders: the method and every request header value reach
// the server; response headers come back under net/http canonical keys,
// with repeated values kept apart and in order.
func checkMethodsAndHeaders(d transport.Doer) error {
	type seen struct {
		method string
		header http.Header
	}
	var (
		mu  sync.Mutex
		got seen
	)
	s := startServer(func(_ *testServer, w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = seen{r.Method, r.Header.Clone()}
		mu.Unlock()
		if r.URL.Query().Get("bare") == "1" {
			w.Header()["Content-Type"] = nil // no Content-Type on the wire
			_, _ = io.WriteString(w, "bare")
			return
		}
		w.Header().Set("X-Reply", r.Method)
		w.Header().Add("X-Many", "a")
		w.Header().Add("X-Many", "b")
		w.Header().Set("Content-Type", "text/plain")
		_, _ = io.WriteString(w, r.Method)
	})
	defer s.Close()

	var errs []error
	for _, method := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch} {
		header := http.Header{
			"X-Test":       {"one"},
			"X-Multi":      {"1", "2"},
			"Content-Type": {"application/json"},
		}
		resp, err := send(d, method, s.URL+"/headers?x=1", header, nil)
		if err := wantResponse(method, resp, err); err != nil {
			errs = append(errs, err)
			continue
		}
		mu.Lock()
		g := got
		mu.Unlock()
		if g.method != method {
			errs = append(errs, fmt.Errorf("%s: server saw method %q", method, g.method))
		}
		for k, want := range header {
			if v := g.header.Values(k); !slices.Equal(v, want) {
				errs = append(errs, fmt.Errorf("%s: server saw header %s = %q, want %q (one line per value)", method, k, v, want))
			}
		}
		if resp.StatusCode != http.StatusOK {
			errs = append(errs, fmt.Errorf("%s: status %d, want 200", method, resp.StatusCode))
		}
		if v := resp.Header["X-Reply"]; !slices.Equal(v, []string{method}) {
			errs = append(errs, fmt.Errorf("%s: response Header[\"X-Reply\"] = %q, want [%s] under the canonical key", method, v, method))
		}
		if v := resp.Header["X-Many"]; !slices.Equal(v, []string{"a", "b"}) {
			errs = append(errs, fmt.Errorf("%s: response Header[\"X-Many\"] = %q, want [a b]", method, v))
		}
		if v := resp.Header["Content-Type"]; !slices.Equal(v, []string{"text/plain"}) {
			errs = append(errs, fmt.Errorf("%s: response Header[\"Content-Type\"] = %q, want [text/plain]", method, v))
		}
		if string(resp.Body) != method {
			errs = append(errs, fmt.Errorf("%s: body %q, want %q", method, resp.Body, method))
		}
	}
	resp, err := send(d, http.MethodGet, s.URL+"/headers?bare=1", nil, nil)
	if err := wantResponse("response without Content-Type", resp, err); err != nil {
		errs = append(errs, err)
	} else if v, ok := resp.Header["Content-Type"]; ok {
		errs = append(errs, fmt.Errorf("response without Content-Type: got Content-Type %q the server never sent", v))
	}
	return errors.Join(errs...)
}

// binaryBody returns n bytes cycling through every byte value.
func binaryBody(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7 + i/256)
	}
	return b
}

// checkBodies: request bodies (none, empty, JSON, binary, large) arrive
// whole with a matching Content-Length, and the echoed bytes come back
// unchanged.
func checkBodies(d transport.Doer) error {
	s := startServer(func(_ *testServer, w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		w.Header().Set("X-Content-Length", strconv.FormatInt(r.ContentLength, 10))
		w.Header().Set("Content-Type", "application/octet-stream")
		_, _ = w.Write(body)
	})
	defer s.Close()

	cases := []struct {
		name string
		body []byte
	}{
		{"nil", nil},
		{"empty", []byte{}},
		{"json", []byte(`{"name":"my-event","channels":["a"],"data":"{\"x\":1}"}`)},
		{"binary", binaryBody(1024)},
		{"large_binary", binaryBody(MaxBodyBytes / 2)},
	}
	var errs []error
	for _, c := range cases {
		sent := bytes.Clone(c.body)
		resp, err := send(d, http.MethodPost, s.URL+"/echo", http.Header{"Content-Type": {"application/octet-stream"}}, sent)
		if err := wantResponse(c.name, resp, err); err != nil {
			errs = append(errs, err)
			continue
		}
		if resp.StatusCode != http.StatusOK {
			errs = append(errs, fmt.Errorf("%s: status %d, want 200", c.name, resp.StatusCode))
			continue
		}
		if !bytes.Equal(resp.Body, c.body) {
			errs = append(errs, fmt.Errorf("%s: echoed %d bytes, want the %d sent, unchanged", c.name, len(resp.Body), len(c.body)))
		}
		if got, want := resp.Header.Get("X-Content-Length"), strconv.Itoa(len(c.body)); got != want {
			errs = append(errs, fmt.Errorf("%s: server saw Content-Length %s, want %s", c.name, got, want))
		}
	}
	return errors.Join(errs...)
}

// checkErrorStatuses: 4xx and 5xx come back as responses with their body
// and headers, never as errors.
func checkErrorStatuses(d transport.Doer) error {
	s := startServer(func(_ *testServer, w http.ResponseWriter, r *http.Request) {
		code, err := strconv.Atoi(r.URL.Query().Get("code"))
		if err != nil {
			code = http.StatusTeapot
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Code", strconv.Itoa(code))
		w.WriteHeader(code)
		_, _ = fmt.Fprintf(w, `{"error":"status %d"}`, code)
	})
	defer s.Close()

	var errs []error
	for _, code := range []int{400, 401, 403, 404, 413, 429, 500, 502, 503} {
		for _, method := range []string{http.MethodGet, http.MethodPost} {
			what := fmt.Sprintf("%s %d", method, code)
			var body []byte
			if method == http.MethodPost {
				body = []byte(`{}`)
			}
			resp, err := send(d, method, fmt.Sprintf("%s/status?code=%d", s.URL, code), nil, body)
			if err := wantResponse(what, resp, err); err != nil {
				errs = append(errs, err)
				continue
			}
			if resp.StatusCode != code {
				errs = append(errs, fmt.Errorf("%s: status %d", what, resp.StatusCode))
			}
			if want := fmt.Sprintf(`{"error":"status %d"}`, code); string(resp.Body) != want {
				errs = append(errs, fmt.Errorf("%s: body %q, want %q", what, resp.Body, want))
			}
			if got := resp.Header.Get("X-Code"); got != strconv.Itoa(code) {
				errs = append(errs, fmt.Errorf("%s: header X-Code %q", what, got))
			}
		}
	}
	return errors.Join(errs...)
}

// checkNoRedirects: every 3xx comes back as the response itself, with its
// Location header and body, and the target is never requested.
func checkNoRedirects(d transport.Doer) error {
	s := startServer(func(s *testServer, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/landed" {
			_, _ = io.WriteString(w, "followed")
			return
		}
		code, _ := strconv.Atoi(r.URL.Query().Get("code"))
		w.Header().Set("Location", r.URL.Query().Get("to"))
		w.WriteHeader(code)
		_, _ = io.WriteString(w, "moved")
	})
	defer s.Close()

	var errs []error
	for _, code := range []int{301, 302, 303, 307, 308} {
		for _, method := range []string{http.MethodGet, http.MethodPost} {
			for _, to := range []string{"/landed", s.URL + "/landed"} {
				what := fmt.Sprintf("%s %d to %s", method, code, to)
				before := s.requests.Load()
				resp, err := send(d, method, fmt.Sprintf("%s/moved?code=%d&to=%s", s.URL, code, to), nil, nil)
				if err := wantResponse(what, resp, err); err != nil {
					errs = append(errs, err)
					continue
				}
				if n := s.requests.Load() - before; n != 1 {
					errs = append(errs, fmt.Errorf("%s: server received %d requests, want 1 (redirect followed?)", what, n))
				}
				if resp.StatusCode != code {
					errs = append(errs, fmt.Errorf("%s: status %d, want %d", what, resp.StatusCode, code))
				}
				if got := resp.Header.Get("Location"); got != to {
					errs = append(errs, fmt.Errorf("%s: Location %q, want %q", what, got, to))
				}
				if string(resp.Body) != "moved" {
					errs = append(errs, fmt.Errorf("%s: body %q, want the 3xx body %q", what, resp.Body, "moved"))
				}
			}
		}
	}
	return errors.Join(errs...)
}

// requestTargets are paths and queries a Doer must send exactly as given:
// characters Pusher allows in channel names, escapes in either case,
// encoded slashes, dot segments, unsorted and repeated query keys.
var requestTargets = []string{
	"/apps/1/channels/a=b@c,d.e;f-g_h",
	"/apps/1/channels/a=b@c,d.e;f-g_h?auth_key=k&auth_timestamp=1700000000&auth_version=1.0&info=user_count",
	"/apps/1/channels/%23server-to-user-1?auth_key=k",
	"/apps/1/channels?a=%2C%3B%40&info=user_count%2Csubscription_count&z=1&b=2",
	"/apps/1/channels/presence-room/users?b=2&a=1&a=0&auth_signature=0f1e2d",
	"/apps/1/events?body_md5=d41d8cd98f00b204e9800998ecf8427e&x=&flag&auth_signature=ab",
	"/a%2Fb/%7Euser/%2c%3b%3D?q=%7e%2c+plus%20space&r=%2f",
	"/double//slash/./dot/../up?x=1",
	"/sub/!$&'()*+,;=:@?k=!$'()*,;:@/?&k=2",
}

// checkURLByteForByte: the request-target on the wire is exactly the path
// and query of Request.URL: no normalisation, no re-escaping, no sorting.
func checkURLByteForByte(d transport.Doer) error {
	var (
		mu  sync.Mutex
		got []string
	)
	s := startServer(func(_ *testServer, w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, r.RequestURI)
		mu.Unlock()
		_, _ = io.WriteString(w, "ok")
	})
	defer s.Close()

	var errs []error
	for _, target := range requestTargets {
		for _, method := range []string{http.MethodGet, http.MethodPost} {
			mu.Lock()
			got = got[:0]
			mu.Unlock()
			resp, err := send(d, method, s.URL+target, nil, nil)
			if err := wantResponse(method+" "+target, resp, err); err != nil {
				errs = append(errs, err)
				continue
			}
			mu.Lock()
			seen := slices.Clone(got)
			mu.Unlock()
			if !slices.Equal(seen, []string{target}) {
				errs = append(errs, fmt.Errorf("%s: server saw request-target %q, want exactly [%q]", method, seen, target))
			}
		}
	}
	return errors.Join(errs...)
}
