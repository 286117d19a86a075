package load

import (
	"fmt"
	"io"
	"strings"
)

// WriteTable prints one line per client and scenario: throughput, client
// CPU and allocations per trigger, connections opened after warm-up,
// failures, server CPU per trigger, and the ratios of each SDK client to
// its raw baseline and of every client to the raw fasthttp client (the
// median of the rounds' ratios, see Paired).
func (r *Results) WriteTable(w io.Writer) {
	rows := r.Rows()
	const format = "| %-17s | %-10s | %9s | %8s | %7s | %5s | %4s | %4s | %7s | %6s | %6s | %6s | %6s |\n"
	fmt.Fprintf(w, format, "client", "scenario", "trig/s", "µs CPU", "allocs", "new", "sig", "err", "srv µs", "tput", "CPU", "tput", "CPU")
	fmt.Fprintf(w, format, "", "", "", "/trig", "/trig", "conns", "fail", "", "/trig", "×base", "×base", "×rawfh", "×rawfh")
	fmt.Fprintf(w, format, dashes(17), dashes(10), dashes(9), dashes(8), dashes(7), dashes(5), dashes(4), dashes(4), dashes(7), dashes(6), dashes(6), dashes(6), dashes(6))
	for _, row := range rows {
		tputBase, cpuBase := "", ""
		if row.Baseline != "" {
			tputBase = median(r.PairedThroughput(row.Client, row.Baseline, row.Scenario))
			cpuBase = median(r.PairedCPU(row.Client, row.Baseline, row.Scenario))
		}
		tputFH, cpuFH := "", ""
		if row.Client == RawFasthttp {
			tputFH, cpuFH = "1.00", "1.00"
		} else {
			tputFH = median(r.PairedThroughput(row.Client, RawFasthttp, row.Scenario))
			cpuFH = median(r.PairedCPU(row.Client, RawFasthttp, row.Scenario))
		}
		tput := fmt.Sprintf("%.0f", row.PerSecond)
		if row.CutShort {
			tput += "*"
		}
		fmt.Fprintf(w, format, row.Client, row.Scenario, tput,
			fmt.Sprintf("%.2f", row.CPUPerTrigger), fmt.Sprintf("%.1f", row.AllocsPerTrigger),
			fmt.Sprint(row.NewConns), fmt.Sprint(row.SigFailures+row.BadRequests), fmt.Sprint(row.Errors+row.LostRequests),
			fmt.Sprintf("%.2f", row.ServerCPUPerTrigger), tputBase, cpuBase, tputFH, cpuFH)
	}
	for _, row := range rows {
		if row.FirstErr != "" {
			fmt.Fprintf(w, "%s %s: first error: %s\n", row.Client, row.Scenario, row.FirstErr)
		}
	}
	if r.Skipped > 0 {
		fmt.Fprintf(w, "%d measurements skipped: the run hit its time bound\n", r.Skipped)
	}
	for _, row := range rows {
		if row.CutShort {
			fmt.Fprintln(w, "* cut short by the per-scenario time bound")
			break
		}
	}
}

func dashes(n int) string { return strings.Repeat("-", n) }

// median formats p's median ratio, or "-" when no round had both sides.
func median(p Paired) string {
	if p.Rounds == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f", p.Median)
}
