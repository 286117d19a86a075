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
// met in this run. Ratios are the medians of the rounds' ratios, each SDK
// client against its baseline measured moments apart (see Paired), with
// the spread over the rounds.
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
			tput := r.PairedThroughput(name, row.Baseline, scenario)
			cpu := r.PairedCPU(name, row.Baseline, scenario)
			if tput.Rounds == 0 || cpu.Rounds == 0 {
				continue
			}
			if name == "sdk/fasthttp" {
				fmt.Fprintf(w, "%s %-12s %-10s throughput %.3f× raw (want ≥ %.2f)%s\n", check(tput.Median >= FasthttpMinThroughput), name, scenario, tput.Median, FasthttpMinThroughput, spread(tput))
				fmt.Fprintf(w, "%s %-12s %-10s CPU/trigger %.3f× raw (want ≤ %.2f)%s\n", check(cpu.Median <= FasthttpMaxCPU), name, scenario, cpu.Median, FasthttpMaxCPU, spread(cpu))
				fmt.Fprintf(w, "%s %-12s %-10s allocs/trigger %.1f (want ≤ %.0f)\n", check(row.AllocsPerTrigger <= FasthttpMaxAllocs), name, scenario, row.AllocsPerTrigger, FasthttpMaxAllocs)
			} else {
				fmt.Fprintf(w, "%s %-12s %-10s throughput %.3f× raw (want ≥ %.2f)%s; CPU/trigger %.2f× raw\n", check(tput.Median >= OtherMinThroughput), name, scenario, tput.Median, OtherMinThroughput, spread(tput), cpu.Median)
			}
			if scenario == Waves16 {
				fmt.Fprintf(w, "%s %-12s %-10s new connections after warm-up: %d (want 0)\n", check(row.NewConns == 0), name, scenario, row.NewConns)
			}
		}
	}
}

// spread says how far the rounds' ratios ranged.
func spread(p Paired) string {
	return fmt.Sprintf(" [rounds %.2f–%.2f, n=%d]", p.Min, p.Max, p.Rounds)
}
