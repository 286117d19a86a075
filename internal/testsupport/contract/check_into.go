package contract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/go-pusher/channels/internal/fastpath"
	"github.com/go-pusher/channels/transport"
)

// reusing returns d as a ReusingDoer, or an error saying it is not one.
func reusing(d transport.Doer) (fastpath.Doer, error) {
	rd, ok := d.(fastpath.Doer)
	if !ok {
		return nil, fmt.Errorf("%T is not a fastpath.Doer", d)
	}
	return rd, nil
}

// into calls DoInto with callTimeout and a fresh request.
func into(d fastpath.Doer, url string, resp *transport.Response) error {
	ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
	defer cancel()
	return safeDoInto(ctx, d, &transport.Request{Method: http.MethodGet, URL: url}, time.Time{}, resp)
}

// checkIntoReplaces: DoInto replaces everything the lent Response held:
// status, body (shorter or longer) and header (fields gone from the new
// answer are gone, repeated names keep every value), whether the answer
// differs from the last one or repeats it; and an answer stays put while
// another Response is lent for the next call.
func checkIntoReplaces(d transport.Doer) error {
	rd, err := reusing(d)
	if err != nil {
		return err
	}
	s := startServer(func(_ *testServer, w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		for _, kv := range q["h"] {
			name, value, _ := strings.Cut(kv, ":")
			w.Header().Add(name, value)
		}
		w.Header().Set("Content-Type", "text/plain")
		_, _ = io.WriteString(w, q.Get("body"))
	})
	defer s.Close()

	type answer struct {
		query  string
		body   string
		header map[string][]string // fields that must be there, besides the server's own
		absent []string            // fields that must not
	}
	steps := []answer{
		{"body=first&h=X-Val:1&h=X-Gone:g", "first", map[string][]string{"X-Val": {"1"}, "X-Gone": {"g"}}, []string{"X-Stale"}},
		{"body=first&h=X-Val:1&h=X-Gone:g", "first", map[string][]string{"X-Val": {"1"}, "X-Gone": {"g"}}, nil},
		{"body=second-longer&h=X-Val:2", "second-longer", map[string][]string{"X-Val": {"2"}}, []string{"X-Gone"}},
		// As many fields as the last answer, one name twice, one name gone.
		{"body=x&h=X-Val:2&h=X-Gone:g", "x", map[string][]string{"X-Val": {"2"}, "X-Gone": {"g"}}, nil},
		{"body=x&h=X-Val:2&h=X-Val:2", "x", map[string][]string{"X-Val": {"2", "2"}}, []string{"X-Gone"}},
		{"body=", "", nil, []string{"X-Val"}},
	}
	lent := staleResponse()
	for i, step := range steps {
		if err := into(rd, s.URL+"/into?"+step.query, lent); err != nil {
			return fmt.Errorf("step %d: unexpected error: %w", i, err)
		}
		var errs []error
		if lent.StatusCode != http.StatusOK {
			errs = append(errs, fmt.Errorf("status %d, want 200", lent.StatusCode))
		}
		if string(lent.Body) != step.body {
			errs = append(errs, fmt.Errorf("body %.40q, want %q", lent.Body, step.body))
		}
		for name, want := range step.header {
			if got := lent.Header.Values(name); !reflect.DeepEqual(got, want) {
				errs = append(errs, fmt.Errorf("header %s %q, want %q", name, got, want))
			}
		}
		for _, name := range step.absent {
			if got := lent.Header.Values(name); got != nil {
				errs = append(errs, fmt.Errorf("header %s %q left from an earlier answer", name, got))
			}
		}
		if got := lent.Header.Get("Content-Type"); got != "text/plain" {
			errs = append(errs, fmt.Errorf("Content-Type %q, want text/plain", got))
		}
		if len(errs) > 0 {
			return fmt.Errorf("step %d (%s): %w", i, step.query, errors.Join(errs...))
		}
	}

	// Two Responses lent in turn: the first answer stays as it was.
	first, second := staleResponse(), staleResponse()
	if err := into(rd, s.URL+"/into?body=one&h=X-Val:one", first); err != nil {
		return err
	}
	if err := into(rd, s.URL+"/into?body=two-two&h=X-Val:two", second); err != nil {
		return err
	}
	if string(first.Body) != "one" || first.Header.Get("X-Val") != "one" {
		return fmt.Errorf("the first answer changed when the next call was lent another Response: body %q, X-Val %q",
			first.Body, first.Header.Get("X-Val"))
	}
	return nil
}

// checkIntoLeavesLentResponse: once DoInto has returned, even cut short by
// ctx while the call is still in flight, the adapter never writes to the
// Response, its Body or its Header again (run with -race too).
func checkIntoLeavesLentResponse(d transport.Doer) error {
	rd, err := reusing(d)
	if err != nil {
		return err
	}
	arrived := make(chan struct{}, 1)
	s := startServer(func(s *testServer, w http.ResponseWriter, r *http.Request) {
		select {
		case arrived <- struct{}{}:
		default:
		}
		<-s.release // answered only once the server closes, after DoInto returned
		w.Header().Set("X-Late", "late")
		_, _ = io.WriteString(w, "late answer")
	})
	defer s.Close()

	lent := staleResponse()
	lentBody, lentHeader := lent.Body, lent.Header
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- safeDoInto(ctx, rd, &transport.Request{Method: http.MethodGet, URL: s.URL + "/late"}, time.Time{}, lent)
	}()
	select {
	case <-arrived:
	case err := <-done:
		return fmt.Errorf("DoInto returned before the server held the request: %v", err)
	case <-time.After(callTimeout):
		s.Close()
		<-done
		return errors.New("the request never reached the server")
	}
	cancel()
	select {
	case err := <-done:
		if err == nil {
			return errors.New("DoInto succeeded although ctx was cancelled before any answer")
		}
	case <-time.After(promptness):
		s.Close()
		<-done
		return fmt.Errorf("DoInto still running %v after ctx was cancelled", promptness)
	}

	// The Response is the caller's again: write over it, then let the
	// server answer and give the adapter time to (wrongly) use it.
	mark := func() {
		lent.StatusCode = 777
		lent.Header = http.Header{"X-Mine": {"mine"}}
		lent.Body = []byte("mine")
		for i := range lentBody {
			lentBody[i] = 'm'
		}
		lentHeader.Set("X-Stale", "mine")
	}
	mark()
	s.Close()
	time.Sleep(200 * time.Millisecond)
	switch {
	case lent.StatusCode != 777 || string(lent.Body) != "mine" || lent.Header.Get("X-Mine") != "mine" || len(lent.Header) != 1:
		return fmt.Errorf("the lent Response was written after DoInto returned: status %d, body %.20q", lent.StatusCode, lent.Body)
	case bytes.ContainsFunc(lentBody, func(r rune) bool { return r != 'm' }):
		return fmt.Errorf("the lent body buffer was written after DoInto returned: %.20q", lentBody)
	case lentHeader.Get("X-Stale") != "mine" || lentHeader.Get("X-Late") != "":
		return fmt.Errorf("the lent header map was written after DoInto returned: %v", lentHeader)
	}
	return nil
}

// checkIntoDeadline: DoInto's deadline bounds a call whose ctx has none,
// and ctx's deadline still applies when it is the sooner; either way the
// error wraps context.DeadlineExceeded.
func checkIntoDeadline(d transport.Doer) error {
	rd, err := reusing(d)
	if err != nil {
		return err
	}
	s := startServer(func(s *testServer, _ http.ResponseWriter, r *http.Request) { s.hold(r) })
	defer s.Close()

	cases := []struct {
		name       string
		ctxTimeout time.Duration // 0: context.Background()
		deadline   time.Duration
	}{
		{"deadline without a ctx deadline", 0, holdDeadline},
		{"ctx deadline before the deadline", holdDeadline, time.Minute},
	}
	for _, c := range cases {
		ctx, cancel := context.Background(), context.CancelFunc(func() {})
		if c.ctxTimeout > 0 {
			ctx, cancel = context.WithTimeout(ctx, c.ctxTimeout)
		}
		done := make(chan error, 1)
		go func() {
			req := &transport.Request{Method: http.MethodGet, URL: s.URL + "/hold?auth_signature=x"}
			done <- safeDoInto(ctx, rd, req, time.Now().Add(c.deadline), staleResponse())
		}()
		select {
		case err := <-done:
			cancel()
			if err == nil || errors.Is(err, errPanicked) || !errors.Is(err, context.DeadlineExceeded) {
				return fmt.Errorf("%s: error %v, want one wrapping context.DeadlineExceeded", c.name, err)
			}
		case <-time.After(holdDeadline + promptness):
			cancel()
			s.Close()
			<-done
			return fmt.Errorf("%s: DoInto still running %v after a %v deadline", c.name, promptness, holdDeadline)
		}
	}
	return nil
}

// checkIntoNilResponse: DoInto with no Response to fill is an error, not a
// panic, and sends nothing.
func checkIntoNilResponse(d transport.Doer) error {
	rd, err := reusing(d)
	if err != nil {
		return err
	}
	s := startServer(func(_ *testServer, w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "ok") })
	defer s.Close()
	err = into(rd, s.URL+"/nil", nil)
	switch {
	case errors.Is(err, errPanicked):
		return err
	case err == nil:
		return errors.New("DoInto with a nil Response returned no error")
	case s.requests.Load() != 0:
		return fmt.Errorf("DoInto with a nil Response sent %d request(s)", s.requests.Load())
	}
	return nil
}

// checkIntoFailureHeader: a Response lent with a nil Header (asking for the
// headers the client may read, as it does) gets every header of an answer
// outside 2xx and of a 2xx carrying Retry-After (an embedded error may ask
// to be retried later), lent fresh or lent again after any other answer,
// on a call that runs on the caller's goroutine (ctx never cancelled) and
// on one whose ctx can be; the status and body are there either way.
func checkIntoFailureHeader(d transport.Doer) error {
	rd, err := reusing(d)
	if err != nil {
		return err
	}
	s := startServer(func(_ *testServer, w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		code, _ := strconv.Atoi(q.Get("code"))
		if ra := q.Get("retry_after"); ra != "" {
			w.Header().Set("Retry-After", ra)
		}
		w.Header().Set("X-Code", strconv.Itoa(code))
		w.WriteHeader(code)
		_, _ = io.WriteString(w, q.Get("code"))
	})
	defer s.Close()
	steps := []struct {
		code       int
		retryAfter string
		wantHeader bool // else its headers may be left out
	}{
		{http.StatusOK, "", false},
		{http.StatusTooManyRequests, "7", true},
		{http.StatusOK, "", false},
		{http.StatusOK, "3", true},
		{http.StatusServiceUnavailable, "", true},
		{http.StatusOK, "", false},
	}
	for _, cancellable := range []bool{false, true} {
		kept := &transport.Response{StatusCode: 599, Body: []byte("stale")} // lent again at every step
		for i, step := range steps {
			for _, lent := range []*transport.Response{{StatusCode: 599, Body: []byte("stale")}, kept} {
				if lent != kept || i == 0 {
					lent.Header = nil
				}
				url := fmt.Sprintf("%s/code?code=%d&retry_after=%s", s.URL, step.code, step.retryAfter)
				if err := intoWith(rd, url, lent, cancellable); err != nil {
					return fmt.Errorf("step %d (%d, cancellable %v): unexpected error: %w", i, step.code, cancellable, err)
				}
				if lent.StatusCode != step.code || string(lent.Body) != strconv.Itoa(step.code) {
					return fmt.Errorf("step %d (%d, cancellable %v): status %d, body %q", i, step.code, cancellable, lent.StatusCode, lent.Body)
				}
				if !step.wantHeader {
					continue
				}
				if lent.Header.Get("X-Code") != strconv.Itoa(step.code) || lent.Header.Get("Retry-After") != step.retryAfter {
					return fmt.Errorf("step %d (%d, Retry-After %q, cancellable %v): header %v lost, X-Code and Retry-After wanted",
						i, step.code, step.retryAfter, cancellable, lent.Header)
				}
			}
		}
	}
	return nil
}

// intoWith calls DoInto with callTimeout and a fresh GET: as the deadline
// beside a ctx that can never be cancelled, or as ctx's own deadline.
func intoWith(d fastpath.Doer, url string, resp *transport.Response, cancellable bool) error {
	req := &transport.Request{Method: http.MethodGet, URL: url}
	if !cancellable {
		return safeDoInto(context.Background(), d, req, time.Now().Add(callTimeout), resp)
	}
	return into(d, url, resp)
}
