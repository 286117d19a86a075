package load

import (
	"runtime"
	"time"
)

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

// Measurement is one client's measured run of one scenario.
type Measurement struct {
	Client, Baseline, Scenario string
	Round                      int // which slice of the run, from 0

	Triggers    int64 // triggers attempted
	Errors      int64 // triggers the client saw fail
	FirstErr    string
	Elapsed     time.Duration
	CPU         time.Duration // client process CPU
	Mallocs     uint64
	NewConns    int64 // connections the server accepted during the run
	Requests    int64 // requests the server received during the run
	SigFailures int64
	BadRequests int64
	ServerCPU   time.Duration
	CutShort    bool // stopped by the time bound before n triggers
}

// measurement turns two samples around a run into a Measurement.
func measurement(c Client, scenario string, before, after sample, o outcome, n int) Measurement {
	m := Measurement{
		Client:      c.Name,
		Baseline:    c.Baseline,
		Scenario:    scenario,
		Triggers:    o.done,
		Errors:      o.errors,
		Elapsed:     after.wall.Sub(before.wall),
		CPU:         after.cpu - before.cpu,
		Mallocs:     after.mallocs - before.mallocs,
		NewConns:    after.server.Conns - before.server.Conns,
		Requests:    after.server.Requests - before.server.Requests,
		SigFailures: after.server.SigFailures - before.server.SigFailures,
		BadRequests: after.server.BadRequests - before.server.BadRequests,
		ServerCPU:   after.server.CPU - before.server.CPU,
		CutShort:    o.done < int64(n),
	}
	if o.firstErr != nil {
		m.FirstErr = redact(o.firstErr)
	}
	return m
}

// PerSecond is triggers per second of wall time.
func (m Measurement) PerSecond() float64 {
	if m.Elapsed <= 0 {
		return 0
	}
	return float64(m.Triggers) / m.Elapsed.Seconds()
}

// CPUPerTrigger is the client's CPU time per trigger in microseconds.
func (m Measurement) CPUPerTrigger() float64 { return perTrigger(m.CPU, m.Triggers) }

// ServerCPUPerTrigger is the server's CPU time per trigger in microseconds.
func (m Measurement) ServerCPUPerTrigger() float64 { return perTrigger(m.ServerCPU, m.Triggers) }

// AllocsPerTrigger is heap allocations (the whole client process) per trigger.
func (m Measurement) AllocsPerTrigger() float64 {
	if m.Triggers == 0 {
		return 0
	}
	return float64(m.Mallocs) / float64(m.Triggers)
}

func perTrigger(d time.Duration, n int64) float64 {
	if n == 0 {
		return 0
	}
	return float64(d.Nanoseconds()) / 1e3 / float64(n)
}
