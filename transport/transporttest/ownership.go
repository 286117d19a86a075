package transporttest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-pusher/channels/transport"
)

// checkResponseOwnership: a Response's Body and Header stay as they were
// through later calls (no pooled buffer shared), and changing one Response
// does not change another.
func checkResponseOwnership(d transport.Doer) error {
	s := startServer(func(_ *testServer, w http.ResponseWriter, r *http.Request) {
		n := r.URL.Query().Get("n")
		w.Header().Set("X-Val", "val-"+n)
		_, _ = io.WriteString(w, "body-"+n+"-"+strings.Repeat("#", len(n)*512))
	})
	defer s.Close()

	get := func(n string) (*transport.Response, error) {
		resp, err := send(d, http.MethodGet, s.URL+"/own?n="+n, nil, nil)
		return resp, wantResponse("n="+n, resp, err)
	}
	first, err := get("0")
	if err != nil {
		return err
	}
	wantBody := bytes.Clone(first.Body)
	wantHeader := first.Header.Clone()

	for _, n := range []string{"1", "22", "333", "4444", "55555"} {
		if _, err := get(n); err != nil {
			return err
		}
	}
	var errs []error
	if !bytes.Equal(first.Body, wantBody) {
		errs = append(errs, fmt.Errorf("first body changed by later calls: now %.20q", first.Body))
	}
	if !reflect.DeepEqual(first.Header, wantHeader) {
		errs = append(errs, fmt.Errorf("first header changed by later calls: X-Val now %q", first.Header.Get("X-Val")))
	}

	// Scribble over the first response, then fetch the same thing again.
	for i := range first.Body {
		first.Body[i] = '!'
	}
	first.Header.Set("X-Val", "scribbled")
	first.Header.Add("X-Extra", "scribbled")
	second, err := get("0")
	if err != nil {
		return errors.Join(append(errs, err)...)
	}
	if !bytes.Equal(second.Body, wantBody) {
		errs = append(errs, fmt.Errorf("second body shares memory with the first: %.20q", second.Body))
	}
	if got := second.Header.Get("X-Val"); got != "val-0" || second.Header.Get("X-Extra") != "" {
		errs = append(errs, fmt.Errorf("second header shares memory with the first: X-Val %q", got))
	}
	return errors.Join(errs...)
}

// checkRequestUntouched: Do reads the Request but never writes to it, so one
// Request can be sent from several goroutines at once (run with -race).
func checkRequestUntouched(d transport.Doer) error {
	s := startServer(func(_ *testServer, w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		_, _ = io.WriteString(w, "ok")
	})
	defer s.Close()

	req := &transport.Request{
		Method: http.MethodPost,
		URL:    s.URL + "/apps/1/events?auth_key=k&auth_signature=s",
		Header: http.Header{"Content-Type": {"application/json"}, "X-Multi": {"1", "2"}},
		Body:   []byte(`{"name":"e","channel":"c","data":"{}"}`),
	}
	want := transport.Request{Method: req.Method, URL: req.URL, Header: req.Header.Clone(), Body: bytes.Clone(req.Body)}

	const callers = 8
	errs := make([]error, callers)
	var wg sync.WaitGroup
	for i := range callers {
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
			defer cancel()
			resp, err := safeDo(ctx, d, req)
			errs[i] = wantResponse(fmt.Sprintf("caller %d", i), resp, err)
		})
	}
	wg.Wait()
	if req.Method != want.Method || req.URL != want.URL {
		errs = append(errs, fmt.Errorf("request method/URL changed to %q %q", req.Method, req.URL))
	}
	if !reflect.DeepEqual(req.Header, want.Header) {
		errs = append(errs, fmt.Errorf("request header changed to %v", req.Header))
	}
	if !bytes.Equal(req.Body, want.Body) {
		errs = append(errs, fmt.Errorf("request body changed to %q", req.Body))
	}
	return errors.Join(errs...)
}

const (
	// reuseCallers is how many goroutines call the Doer at once.
	reuseCallers = 16
	// reuseWaves is how many waves of reuseCallers follow the warm-up.
	reuseWaves = 5
	// reuseSlack is how many new connections the waves after the warm-up
	// may open in total: a connection can be on its way back to the idle
	// pool when the next wave starts. A Doer that does not pool opens
	// reuseCallers per wave, far above this.
	reuseSlack = 2
	// barrierWait bounds how long a handler waits for the rest of its wave.
	barrierWait = time.Second
)

// barrier holds each request of a wave until all of them have arrived, so
// a wave really has reuseCallers requests in flight at once. If the wave
// does not fill within barrierWait the barrier gives up for everyone.
type barrier struct {
	mu       sync.Mutex
	waiting  int
	full     chan struct{}
	gaveUp   chan struct{}
	giveUpFn func()
}

func newBarrier(n int) *barrier {
	b := &barrier{waiting: n, full: make(chan struct{}), gaveUp: make(chan struct{})}
	b.giveUpFn = sync.OnceFunc(func() { close(b.gaveUp) })
	return b
}

// arrive blocks until the whole wave has arrived, stop is closed, or the
// barrier gives up; it reports whether the wave filled.
func (b *barrier) arrive(stop <-chan struct{}) bool {
	b.mu.Lock()
	b.waiting--
	if b.waiting == 0 {
		close(b.full)
	}
	b.mu.Unlock()
	timer := time.NewTimer(barrierWait)
	defer timer.Stop()
	select {
	case <-b.full:
		return true
	case <-stop:
	case <-b.gaveUp:
	case <-timer.C:
		b.giveUpFn()
	}
	return false
}

// checkConnectionReuse: after a warm-up wave of reuseCallers concurrent
// calls, further waves reuse the pooled connections instead of dialling.
func checkConnectionReuse(d transport.Doer) error {
	var (
		current  atomic.Pointer[barrier]
		unfilled atomic.Int64
	)
	s := startServer(func(s *testServer, w http.ResponseWriter, _ *http.Request) {
		if b := current.Load(); b != nil && !b.arrive(s.release) {
			unfilled.Add(1)
		}
		_, _ = io.WriteString(w, `{"channels":{}}`)
	})
	defer s.Close()

	wave := func() error {
		current.Store(newBarrier(reuseCallers))
		errs := make([]error, reuseCallers)
		var wg sync.WaitGroup
		for i := range reuseCallers {
			wg.Go(func() {
				resp, err := send(d, http.MethodGet, s.URL+"/apps/1/channels?auth_key=k", nil, nil)
				errs[i] = wantResponse(fmt.Sprintf("caller %d", i), resp, err)
			})
		}
		wg.Wait()
		return errors.Join(errs...)
	}

	notConcurrent := func() error {
		if n := unfilled.Load(); n > 0 {
			return fmt.Errorf("%d requests waited in vain for the rest of their wave: the Doer does not run %d calls at once", n, reuseCallers)
		}
		return nil
	}
	if err := errors.Join(wave(), notConcurrent()); err != nil {
		return fmt.Errorf("warm-up wave: %w", err)
	}
	warm := s.newConns.Load()
	for i := range reuseWaves {
		if err := errors.Join(wave(), notConcurrent()); err != nil {
			return fmt.Errorf("wave %d: %w", i+1, err)
		}
	}
	if extra := s.newConns.Load() - warm; extra > reuseSlack {
		return fmt.Errorf("%d waves of %d calls opened %d new connections after a warm-up that opened %d, want at most %d",
			reuseWaves, reuseCallers, extra, warm, reuseSlack)
	}
	return nil
}
