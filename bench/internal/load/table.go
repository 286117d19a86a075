package load

import (
	"fmt"
	"io"
	"strings"
)

// WriteTable prints one line per client and scenario: throughput, client
// CPU and allocations per trigger, connections opened after warm-up,
// failures, server CPU per trigger, and the ratios of each SDK client to
// its raw baseline and of every client to the raw fasthttp client.
func (r *Results) WriteTable(w io.Writer) {
	rows := r.Rows()
	const format = "| %-17s | %-10s | %9s | %8s | %7s | %5s | %4s | %4s | %7s | %6s | %6s | %6s | %6s |\n"
	fmt.Fprintf(w, format, "client", "scenario", "trig/s", "µs CPU", "allocs", "new", "sig", "err", "srv µs", "tput", "CPU", "tput", "CPU")
	fmt.Fprintf(w, format, "", "", "", "/trig", "/trig", "conns", "fail", "", "/trig", "×base", "×base", "×rawfh", "×rawfh")
	fmt.Fprintf(w, format, dashes(17), dashes(10), dashes(9), dashes(8), dashes(7), dashes(5), dashes(4), dashes(4), dashes(7), dashes(6), dashes(6), dashes(6), dashes(6))
	for _, row := range rows {
		tputBase, cpuBase := "", ""
		if base, ok := r.Row(rows, row.Baseline, row.Scenario); ok && row.Baseline != "" {
			tputBase = ratio(row.PerSecond, base.PerSecond)
			cpuBase = ratio(row.CPUPerTrigger, base.CPUPerTrigger)
		}
		tputFH, cpuFH := "", ""
		if fh, ok := r.Row(rows, RawFasthttp, row.Scenario); ok {
			tputFH = ratio(row.PerSecond, fh.PerSecond)
			cpuFH = ratio(row.CPUPerTrigger, fh.CPUPerTrigger)
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

func ratio(a, b float64) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f", a/b)
}
