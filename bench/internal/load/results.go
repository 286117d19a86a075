package load

import "time"

// Results are every measurement of one harness run.
type Results struct {
	Config       Config
	Clients      []Client
	Measurements []Measurement
	Skipped      int // measurements not run for lack of time
	Elapsed      time.Duration
	ClientProcs  int // GOMAXPROCS of the client process
}

func (r *Results) add(m Measurement) { r.Measurements = append(r.Measurements, m) }

// Row is one client and scenario, all rounds summed.
type Row struct {
	Client, Baseline, Scenario string

	PerSecond, CPUPerTrigger, AllocsPerTrigger, ServerCPUPerTrigger float64

	Triggers, Errors, NewConns, SigFailures, BadRequests, LostRequests int64
	CutShort                                                           bool
	FirstErr                                                           string
}

// Rows aggregates the measurements by client and scenario, in run order.
func (r *Results) Rows() []Row {
	var rows []Row
	for _, scenario := range Scenarios {
		for _, c := range r.Clients {
			var ms []Measurement
			for _, m := range r.Measurements {
				if m.Client == c.Name && m.Scenario == scenario {
					ms = append(ms, m)
				}
			}
			if len(ms) > 0 {
				rows = append(rows, aggregate(ms))
			}
		}
	}
	return rows
}

// Row returns the row for client and scenario.
func (r *Results) Row(rows []Row, client, scenario string) (Row, bool) {
	for _, row := range rows {
		if row.Client == client && row.Scenario == scenario {
			return row, true
		}
	}
	return Row{}, false
}

// aggregate sums the rounds of one client and scenario.
func aggregate(ms []Measurement) Row {
	sum := Measurement{Client: ms[0].Client, Baseline: ms[0].Baseline, Scenario: ms[0].Scenario}
	row := Row{Client: sum.Client, Baseline: sum.Baseline, Scenario: sum.Scenario}
	for _, m := range ms {
		sum.Triggers += m.Triggers
		sum.Elapsed += m.Elapsed
		sum.CPU += m.CPU
		sum.Mallocs += m.Mallocs
		sum.ServerCPU += m.ServerCPU
		row.Errors += m.Errors
		row.SigFailures += m.SigFailures
		row.BadRequests += m.BadRequests
		row.NewConns += m.NewConns
		// A request the client counted but the server never saw, or
		// one the server saw twice (a silent retry), shows up here.
		row.LostRequests += abs(m.Triggers - m.Requests)
		row.CutShort = row.CutShort || m.CutShort
		if row.FirstErr == "" {
			row.FirstErr = m.FirstErr
		}
	}
	row.Triggers = sum.Triggers
	row.PerSecond = sum.PerSecond()
	row.CPUPerTrigger = sum.CPUPerTrigger()
	row.AllocsPerTrigger = sum.AllocsPerTrigger()
	row.ServerCPUPerTrigger = sum.ServerCPUPerTrigger()
	return row
}

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

// Correct reports whether every request was signed right, carried the
// expected trigger, was answered 200 and reached the server exactly once.
func (r *Results) Correct() bool {
	for _, row := range r.Rows() {
		if row.Errors != 0 || row.SigFailures != 0 || row.BadRequests != 0 || row.LostRequests != 0 {
			return false
		}
	}
	return true
}
