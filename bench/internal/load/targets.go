package load

import (
	"fmt"
	"io"
)

// Targets of the performance issue, as ratios to the raw baselines.
const (
	FasthttpMinThroughput = 0.90 // sdk/fasthttp vs raw/fasthttp
	FasthttpMaxCPU        = 1.20
	FasthttpMaxAllocs     = 3.0
	OtherMinThroughput    = 0.95 // sdk/nethttp and sdk/resty vs their raw clients
)

// WriteTargets prints, per scenario, whether each target of the issue is
// met in this run: ratios of the sums over every round, with how far the
// rounds' own ratios scattered (see Paired).
func (r *Results) WriteTargets(w io.Writer) {
	rows := r.Rows()
	check := func(ok bool) string {
		if ok {
			return "met "
		}
		return "MISS"
	}
	for _, scenario := range Scenarios {
		for _, name := range []string{"sdk/fasthttp", "sdk/nethttp", "sdk/resty"} {
			row, ok := r.Row(rows, name, scenario)
			if !ok {
				continue
			}
			base, ok := r.Row(rows, row.Baseline, scenario)
			if !ok || base.PerSecond == 0 || base.CPUPerTrigger == 0 {
				continue
			}
			tput := row.PerSecond / base.PerSecond
			cpu := row.CPUPerTrigger / base.CPUPerTrigger
			tputRounds := spread(r.PairedThroughput(name, row.Baseline, scenario))
			if name == "sdk/fasthttp" {
				fmt.Fprintf(w, "%s %-12s %-10s throughput %.3f× raw (want ≥ %.2f)%s\n", check(tput >= FasthttpMinThroughput), name, scenario, tput, FasthttpMinThroughput, tputRounds)
				fmt.Fprintf(w, "%s %-12s %-10s CPU/trigger %.3f× raw (want ≤ %.2f)%s\n", check(cpu <= FasthttpMaxCPU), name, scenario, cpu, FasthttpMaxCPU, spread(r.PairedCPU(name, row.Baseline, scenario)))
				fmt.Fprintf(w, "%s %-12s %-10s allocs/trigger %.1f (want ≤ %.0f)\n", check(row.AllocsPerTrigger <= FasthttpMaxAllocs), name, scenario, row.AllocsPerTrigger, FasthttpMaxAllocs)
			} else {
				fmt.Fprintf(w, "%s %-12s %-10s throughput %.3f× raw (want ≥ %.2f)%s; CPU/trigger %.2f× raw\n", check(tput >= OtherMinThroughput), name, scenario, tput, OtherMinThroughput, tputRounds, cpu)
			}
			if scenario == Waves16 {
				fmt.Fprintf(w, "%s %-12s %-10s new connections after warm-up: %d (want 0)\n", check(row.NewConns == 0), name, scenario, row.NewConns)
			}
		}
	}
}

// spread says how far the rounds' own ratios ranged.
func spread(p Paired) string {
	if p.Rounds == 0 {
		return ""
	}
	return fmt.Sprintf(" [single rounds %.2f–%.2f, median %.2f, n=%d]", p.Min, p.Max, p.Median, p.Rounds)
}
