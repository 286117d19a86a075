package load

import (
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"time"
)

// Config says what the harness runs.
type Config struct {
	// N is the number of measured triggers per client and scenario.
	N int
	// Payload is the size in bytes of the event data.
	Payload int
	// Rounds splits each measurement into this many slices, run in turn
	// with the other clients' (each group of clients in reverse order on odd
	// rounds), so that drift in the machine's speed falls on every client
	// alike; the table sums the slices (see Paired for why).
	Rounds int
	// ScenarioTimeout bounds one measured run (its warm-up apart).
	ScenarioTimeout time.Duration
	// Timeout bounds the whole run: measurements not started by then are skipped.
	Timeout time.Duration
	// ServeArgv starts the server child (the harness binary in serve mode,
	// maybe under taskset); ServeEnv is added to its environment.
	ServeArgv []string
	ServeEnv  []string
	// Diag adds the diagnostic clients DiagNoTimeout and DiagStockNethttp.
	Diag bool
	// Only, if not empty, keeps just the clients whose name contains it
	// (for profiling one client alone).
	Only string
	// Progress, if not nil, gets a line per measurement as it finishes.
	Progress io.Writer
}

// warmupTriggers is how many triggers warm a client up before its first
// measured slice in a scenario: enough to open the connections the
// scenario needs and fill the pools. Later slices get rewarmTriggers, as
// the client's connections and pools are still there.
func warmupTriggers(n int) int {
	return min(max(n/10, 20*concurrency), 2000)
}

const rewarmTriggers = 4 * concurrency

// Run starts the server child, measures every client in every scenario
// and returns the results.
func Run(cfg Config) (*Results, error) {
	start := time.Now()
	stopAll := start.Add(cfg.Timeout)
	child, err := StartChild(cfg.ServeArgv, cfg.ServeEnv)
	if err != nil {
		return nil, err
	}
	defer child.Close()

	data := Payload(cfg.Payload)
	clients, err := newClients(child.Addr(), data, cfg.Diag)
	if err != nil {
		return nil, err
	}
	if cfg.Only != "" {
		clients = slices.DeleteFunc(clients, func(c Client) bool {
			if strings.Contains(c.Name, cfg.Only) {
				return false
			}
			c.Close()
			return true
		})
	}
	defer func() {
		for _, c := range clients {
			c.Close()
		}
	}()

	res := &Results{Config: cfg, Clients: clients}
	drivers := make(map[[2]string]*driver)
	for round := range cfg.Rounds {
		for _, scenario := range Scenarios {
			for _, c := range roundOrder(clients, round) {
				if time.Now().After(stopAll) {
					res.Skipped++
					continue
				}
				key := [2]string{c.Name, scenario}
				d := drivers[key]
				if d == nil {
					d = newDriver(scenario, c)
					drivers[key] = d
				}
				warm := rewarmTriggers
				if round == 0 {
					warm = warmupTriggers(cfg.N)
				}
				m, err := measure(child, c, d, warm, slice(cfg.N, cfg.Rounds, round), cfg.ScenarioTimeout, stopAll)
				if err != nil {
					return nil, err
				}
				m.Round = round
				res.add(m)
				if cfg.Progress != nil {
					fmt.Fprintf(cfg.Progress, "round %d %-17s %-10s %9.0f/s %7.1f µs CPU %6.1f allocs\n",
						round+1, c.Name, scenario, m.PerSecond(), m.CPUPerTrigger(), m.AllocsPerTrigger())
				}
			}
		}
	}
	res.Elapsed = time.Since(start)
	res.ClientProcs = runtime.GOMAXPROCS(0)
	return res, nil
}

// newClients returns the raw baselines, each followed by the SDK clients
// compared with it.
func newClients(addr, data string, diag bool) ([]Client, error) {
	raw := NewRawClients(addr, data)
	sdk, err := NewSDKClients(addr, data, diag)
	if err != nil {
		return nil, err
	}
	if diag {
		sdk = append(sdk, NewDiagRawClients(addr, data)...)
	}
	var all []Client
	for _, r := range raw {
		all = append(all, r)
		for _, c := range sdk {
			if c.Baseline == r.Name {
				all = append(all, c)
			}
		}
	}
	return all, nil
}

// roundOrder runs each baseline's group backwards on odd rounds, so that
// a raw client does not always go first.
func roundOrder(clients []Client, round int) []Client {
	if round%2 == 0 {
		return clients
	}
	out := make([]Client, 0, len(clients))
	for i := 0; i < len(clients); {
		j := i + 1
		for j < len(clients) && clients[j].Baseline != "" {
			j++
		}
		for k := j - 1; k >= i; k-- {
			out = append(out, clients[k])
		}
		i = j
	}
	return out
}

// slice is how many of n triggers round (of rounds) sends.
func slice(n, rounds, round int) int {
	return n/rounds + boolInt(round < n%rounds)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// measure warms c up with warm triggers in the scenario, then measures n
// triggers, within timeout of starting them and by stopAll.
func measure(child *Child, c Client, d *driver, warm, n int, timeout time.Duration, stopAll time.Time) (Measurement, error) {
	d.run(warm, minTime(time.Now().Add(timeout), stopAll))
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
	o := d.run(n, minTime(time.Now().Add(timeout), stopAll))
	after, err := takeSample(child)
	if err != nil {
		return Measurement{}, err
	}
	return measurement(c, d.scenario, before, after, o, n), nil
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
