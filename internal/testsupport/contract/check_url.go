package contract

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"sync"

	"github.com/go-pusher/channels/transport"
)

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
