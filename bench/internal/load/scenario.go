package load

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// Scenario names.
const (
	Sequential = "sequential"
	Steady16   = "steady-16"
	Waves16    = "waves-16"
)

// Scenarios lists the scenarios in the order the harness runs them.
var Scenarios = [...]string{Sequential, Steady16, Waves16}

// concurrency is the number of callers in the concurrent scenarios.
const concurrency = 16

// outcome is what one run of a scenario did.
type outcome struct {
	done     int64 // triggers attempted
	errors   int64 // triggers that failed
	firstErr error
}

// driver runs one scenario with workers made once, so that making them
// (and their buffers) is outside every measurement.
type driver struct {
	scenario string
	workers  []Trigger
}

// newDriver makes the workers scenario needs from c.
func newDriver(scenario string, c Client) *driver {
	n := concurrency
	if scenario == Sequential {
		n = 1
	}
	d := &driver{scenario: scenario, workers: make([]Trigger, n)}
	for i := range d.workers {
		d.workers[i] = c.NewWorker()
	}
	return d
}

// run sends n triggers (rounded up to whole waves for Waves16), stopping
// early once stopAt has passed.
func (d *driver) run(n int, stopAt time.Time) outcome {
	switch d.scenario {
	case Steady16:
		return d.steady(n, stopAt)
	case Waves16:
		return d.waves(n, stopAt)
	}
	return d.sequential(n, stopAt)
}

// deadlineEvery is how many triggers a worker sends between looks at the clock.
const deadlineEvery = 64

// tally collects outcomes from several goroutines.
type tally struct {
	done, errors atomic.Int64
	mu           sync.Mutex
	firstErr     error
}

func (t *tally) record(err error) {
	t.done.Add(1)
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

func (t *tally) outcome() outcome {
	return outcome{done: t.done.Load(), errors: t.errors.Load(), firstErr: t.firstErr}
}

// sequential sends one trigger after another from one caller.
func (d *driver) sequential(n int, stopAt time.Time) outcome {
	var t tally
	ctx := context.Background()
	send := d.workers[0]
	for i := range n {
		if i%deadlineEvery == 0 && time.Now().After(stopAt) {
			break
		}
		t.record(send(ctx))
	}
	return t.outcome()
}

// steady keeps 16 callers busy until n triggers have been taken.
func (d *driver) steady(n int, stopAt time.Time) outcome {
	var t tally
	var next atomic.Int64
	var wg sync.WaitGroup
	ctx := context.Background()
	for _, send := range d.workers {
		wg.Go(func() {
			for i := 0; next.Add(1) <= int64(n); i++ {
				if i%deadlineEvery == 0 && time.Now().After(stopAt) {
					return
				}
				t.record(send(ctx))
			}
		})
	}
	wg.Wait()
	return t.outcome()
}

// waves fires 16 triggers at once, waits for all of them, and repeats.
// The 16 callers are goroutines parked between waves, so a wave costs no
// goroutine starts.
func (d *driver) waves(n int, stopAt time.Time) outcome {
	var t tally
	var wave sync.WaitGroup
	ctx := context.Background()
	starts := make([]chan struct{}, len(d.workers))
	var workers sync.WaitGroup
	for i, send := range d.workers {
		start := make(chan struct{})
		starts[i] = start
		workers.Go(func() {
			for range start {
				t.record(send(ctx))
				wave.Done()
			}
		})
	}
	for sent := 0; sent < n; sent += len(d.workers) {
		if time.Now().After(stopAt) {
			break
		}
		wave.Add(len(d.workers))
		for _, start := range starts {
			start <- struct{}{}
		}
		wave.Wait()
	}
	for _, start := range starts {
		close(start)
	}
	workers.Wait()
	return t.outcome()
}
