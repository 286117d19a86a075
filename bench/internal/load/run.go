package load

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Producers is how many goroutines send at once, each as fast as its
// client lets it.
const Producers = 16

// Config says what the harness runs.
type Config struct {
	// N is the number of measured events per client.
	N int
	// Payload is the size in bytes of the event data.
	Payload int
	// Rounds splits each measurement into this many slices, run in turn
	// with the other clients' (in reverse order on odd rounds), so that
	// drift in the machine's speed falls on every client alike; a row sums
	// its slices.
	Rounds int
	// SliceTimeout bounds one measured slice.
	SliceTimeout time.Duration
	// Timeout bounds the whole run: slices not started by then are skipped.
	Timeout time.Duration
	// ServeArgv starts the server child (the harness binary in serve mode,
	// maybe under taskset); ServeEnv is added to its environment.
	ServeArgv []string
	ServeEnv  []string
	// Diag adds the SDK on each transport seen through Do alone.
	Diag bool
	// Only, if not empty, keeps just the clients whose name contains it.
	Only string
	// Progress, if not nil, gets a line per slice as it finishes.
	Progress io.Writer
}

// Measurement is one slice of one client's run.
type Measurement struct {
	Client, Baseline string
	Round            int

	Events   int64 // events sent
	Errors   int64 // events the client saw fail
	FirstErr string
	Elapsed  time.Duration
	CPU      time.Duration // client process CPU
	Mallocs  uint64
	Server   ServerStats // the server's counters and CPU over the slice
	CutShort bool        // stopped by a time bound before all were sent
}

// Results are every measurement of one harness run.
type Results struct {
	Clients      []Client
	Measurements []Measurement
	Skipped      int // slices not run for lack of time
	Elapsed      time.Duration
	ClientProcs  int // GOMAXPROCS of the client process
}

// Run starts the server child, measures every client and returns the
// results.
func Run(cfg Config) (*Results, error) {
	start := time.Now()
	stopAll := start.Add(cfg.Timeout)
	child, err := StartChild(cfg.ServeArgv, cfg.ServeEnv)
	if err != nil {
		return nil, err
	}
	defer child.Close()

	clients, err := newClients(child.Addr(), cfg.Payload, cfg.Diag)
	if err != nil {
		return nil, err
	}
	defer func() {
		for _, c := range clients {
			c.Close()
		}
	}()
	if cfg.Only != "" {
		clients = slices.DeleteFunc(clients, func(c Client) bool {
			if strings.Contains(c.Name, cfg.Only) {
				return false
			}
			c.Close()
			return true
		})
	}

	res := &Results{Clients: clients}
	workers := make(map[string][]Trigger)
	for round := range cfg.Rounds {
		order := slices.Clone(clients)
		if round%2 == 1 {
			slices.Reverse(order)
		}
		for _, c := range order {
			if time.Now().After(stopAll) {
				res.Skipped++
				continue
			}
			ws := workers[c.Name]
			if ws == nil {
				ws = make([]Trigger, Producers)
				for i := range ws {
					ws[i] = c.NewWorker()
				}
				workers[c.Name] = ws
			}
			scale := max(c.SliceScale, 1)
			warm := 4 * Producers * scale
			if round == 0 {
				warm = min(max(cfg.N/10, 20*Producers), 2000) * scale
			}
			n := (cfg.N/cfg.Rounds + boolInt(round < cfg.N%cfg.Rounds)) * scale
			bound := minTime(time.Now().Add(cfg.SliceTimeout), stopAll)
			m, err := measure(child, c, ws, warm, n, bound)
			if err != nil {
				return nil, err
			}
			m.Round = round
			res.Measurements = append(res.Measurements, m)
			if cfg.Progress != nil {
				fmt.Fprintf(cfg.Progress, "round %d %-18s %9.0f events/s %7.2f µs CPU/event %6.1f allocs/event\n",
					round+1, c.Name, perSecond(m.Events, m.Elapsed), perEvent(m.CPU, m.Events), float64(m.Mallocs)/float64(max(m.Events, 1)))
			}
		}
	}
	res.Elapsed = time.Since(start)
	res.ClientProcs = runtime.GOMAXPROCS(0)
	return res, nil
}

// newClients returns the raw baselines, each followed by the SDK clients
// compared with it, then the Publisher.
func newClients(addr string, payload int, diag bool) ([]Client, error) {
	data := Payload(payload)
	sdk, err := NewSDKClients(addr, data, diag)
	if err != nil {
		return nil, err
	}
	var all []Client
	for _, r := range NewRawClients(addr, data) {
		all = append(all, r)
		for _, c := range sdk {
			if c.Baseline == r.Name {
				all = append(all, c)
			}
		}
	}
	extra, err := extraClients(addr, payload)
	if err != nil {
		return nil, err
	}
	return append(all, extra...), nil
}

// measure warms c's workers up with warm events, then measures n more,
// settling them (if c settles) within the slice, stopping at bound.
func measure(child *Child, c Client, ws []Trigger, warm, n int, bound time.Time) (Measurement, error) {
	steady(ws, warm, bound)
	if err := settle(c, bound); err != nil {
		return Measurement{}, fmt.Errorf("%s warm-up: %s", c.Name, redact(err))
	}
	// Both processes start the slice with no garbage, so each pays for
	// collecting its own.
	runtime.GC()
	if err := child.GC(); err != nil {
		return Measurement{}, err
	}
	before, err := takeSample(child)
	if err != nil {
		return Measurement{}, err
	}
	t := steady(ws, n, bound)
	if err := settle(c, bound); err != nil {
		t.record(err)
	}
	after, err := takeSample(child)
	if err != nil {
		return Measurement{}, err
	}
	m := Measurement{
		Client:   c.Name,
		Baseline: c.Baseline,
		Events:   t.done.Load(),
		Errors:   t.errors.Load(),
		Elapsed:  after.wall.Sub(before.wall),
		CPU:      after.cpu - before.cpu,
		Mallocs:  after.mallocs - before.mallocs,
		Server:   after.server.minus(before.server),
		CutShort: t.done.Load() < int64(n),
	}
	if t.firstErr != nil {
		m.FirstErr = redact(t.firstErr)
	}
	return m, nil
}

// settle waits for c's events to be delivered, if c sends in the background.
func settle(c Client, bound time.Time) error {
	if c.Settle == nil {
		return nil
	}
	ctx, cancel := context.WithDeadline(context.Background(), bound)
	defer cancel()
	return c.Settle(ctx)
}

// tally collects outcomes from several goroutines.
type tally struct {
	done, errors atomic.Int64
	mu           sync.Mutex
	firstErr     error
}

func (t *tally) record(err error) {
	if err == nil {
		return
	}
	t.errors.Add(1)
	t.mu.Lock()
	if t.firstErr == nil {
		t.firstErr = err
	}
	t.mu.Unlock()
}

// steady keeps every worker busy until n events have been taken, or bound
// has passed.
func steady(ws []Trigger, n int, bound time.Time) *tally {
	t := new(tally)
	var next atomic.Int64
	var wg sync.WaitGroup
	ctx := context.Background()
	for _, send := range ws {
		wg.Go(func() {
			for i := 0; next.Add(1) <= int64(n); i++ {
				if i%64 == 0 && time.Now().After(bound) {
					return
				}
				t.done.Add(1)
				t.record(send(ctx))
			}
		})
	}
	wg.Wait()
	return t
}

// sample is the state of both processes at one moment.
type sample struct {
	wall    time.Time
	cpu     time.Duration // this process's CPU time
	mallocs uint64
	server  ServerStats
}

// takeSample reads the server's counters first, then this process's.
func takeSample(srv *Child) (sample, error) {
	st, err := srv.Stats()
	if err != nil {
		return sample{}, err
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return sample{wall: time.Now(), cpu: ProcessCPU(), mallocs: ms.Mallocs, server: st}, nil
}

// minus is what the server did between before and s; the latencies are
// s's, as GC emptied them before the slice.
func (s ServerStats) minus(before ServerStats) ServerStats {
	return ServerStats{
		Counts: Counts{
			Conns:       s.Conns - before.Conns,
			Requests:    s.Requests - before.Requests,
			Events:      s.Events - before.Events,
			SigFailures: s.SigFailures - before.SigFailures,
			BadRequests: s.BadRequests - before.BadRequests,
		},
		CPU:     s.CPU - before.CPU,
		Latency: s.Latency,
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func perSecond(n int64, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(n) / d.Seconds()
}

// perEvent is d per event in microseconds.
func perEvent(d time.Duration, n int64) float64 {
	if n == 0 {
		return 0
	}
	return float64(d.Nanoseconds()) / 1e3 / float64(n)
}
