package contract

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-pusher/channels/transport"
)

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
