package load

import (
	"fmt"
	"io"
	"math"
	"strings"
	"time"
)

// Row is one client, all slices summed.
type Row struct {
	Client, Baseline string

	Events, Errors, Requests, NewConns, Refused, Lost int64
	Elapsed, CPU, ServerCPU                           time.Duration
	Mallocs                                           uint64
	Latency                                           Histogram
	CutShort                                          bool
	FirstErr                                          string
}

// PerSecond is events per second of wall time.
func (r *Row) PerSecond() float64 { return perSecond(r.Events, r.Elapsed) }

// CPUPerEvent is the client's CPU per event in microseconds.
func (r *Row) CPUPerEvent() float64 { return perEvent(r.CPU, r.Events) }

// ServerCPUPerRequest is the server's CPU per request in microseconds.
func (r *Row) ServerCPUPerRequest() float64 { return perEvent(r.ServerCPU, r.Requests) }

// ServerUtilisation is the share of the server's one CPU it was busy.
func (r *Row) ServerUtilisation() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return r.ServerCPU.Seconds() / r.Elapsed.Seconds()
}

// Rows sums the measurements by client, in run order.
func (res *Results) Rows() []*Row {
	var rows []*Row
	for _, c := range res.Clients {
		row := &Row{Client: c.Name, Baseline: c.Baseline}
		for _, m := range res.Measurements {
			if m.Client != c.Name {
				continue
			}
			row.Events += m.Events
			row.Errors += m.Errors
			row.Requests += m.Server.Requests
			row.NewConns += m.Server.Conns
			row.Refused += m.Server.SigFailures + m.Server.BadRequests
			// An event the client sent that the server did not count
			// exactly once (lost, or sent twice by a silent retry).
			row.Lost += abs(m.Events - m.Errors - m.Server.Events)
			row.Elapsed += m.Elapsed
			row.CPU += m.CPU
			row.ServerCPU += m.Server.CPU
			row.Mallocs += m.Mallocs
			if m.Server.Latency != nil {
				row.Latency.Merge(m.Server.Latency)
			}
			row.CutShort = row.CutShort || m.CutShort
			if row.FirstErr == "" {
				row.FirstErr = m.FirstErr
			}
		}
		if row.Events > 0 {
			rows = append(rows, row)
		}
	}
	return rows
}

// roundRatios returns the smallest and largest ratio of client's CPU per
// event to other's over the rounds both ran in full.
func (res *Results) roundRatios(client, other string) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	cpu := map[int][2]float64{}
	for _, m := range res.Measurements {
		if m.CutShort || m.Events == 0 {
			continue
		}
		pair := cpu[m.Round]
		switch m.Client {
		case client:
			pair[0] = perEvent(m.CPU, m.Events)
		case other:
			pair[1] = perEvent(m.CPU, m.Events)
		}
		cpu[m.Round] = pair
	}
	for _, pair := range cpu {
		if pair[0] > 0 && pair[1] > 0 {
			lo, hi = min(lo, pair[0]/pair[1]), max(hi, pair[0]/pair[1])
		}
	}
	return lo, hi
}

func find(rows []*Row, client string) *Row {
	for _, r := range rows {
		if r.Client == client {
			return r
		}
	}
	return nil
}

// WriteTable prints one line per client: throughput, client CPU,
// allocations and requests per event, connections opened after warm-up,
// failures, the server's CPU per request and how busy it was, delivery
// latency (for clients that send in the background), and ratios.
func (res *Results) WriteTable(w io.Writer) {
	rows := res.Rows()
	fh := find(rows, RawFasthttp)
	fmt.Fprintln(w, "| client | events/s | µs CPU /event | allocs /event | req /event | new conns | refused | lost or failed | srv µs /req | srv busy | p50 | p99 | tput ×base | CPU ×base (rounds) | CPU ×rawfh |")
	fmt.Fprintln(w, "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
	for _, r := range rows {
		tputBase, cpuBase, cpuFH := "", "", ""
		if base := find(rows, r.Baseline); base != nil && r.Baseline != "" {
			lo, hi := res.roundRatios(r.Client, r.Baseline)
			tputBase = ratio(r.PerSecond(), base.PerSecond())
			cpuBase = fmt.Sprintf("%s (%.2f–%.2f)", ratio(r.CPUPerEvent(), base.CPUPerEvent()), lo, hi)
		}
		if fh != nil {
			cpuFH = ratio(r.CPUPerEvent(), fh.CPUPerEvent())
		}
		p50, p99 := "", ""
		if r.Latency.Count() > 0 {
			p50, p99 = latency(r.Latency.Quantile(0.50)), latency(r.Latency.Quantile(0.99))
		}
		tput := fmt.Sprintf("%.0f", r.PerSecond())
		if r.CutShort {
			tput += "*"
		}
		fmt.Fprintf(w, "| %s | %s | %.2f | %.1f | %.3f | %d | %d | %d | %.2f | %.0f %% | %s | %s | %s | %s | %s |\n",
			r.Client, tput, r.CPUPerEvent(), float64(r.Mallocs)/float64(r.Events), float64(r.Requests)/float64(r.Events),
			r.NewConns, r.Refused, r.Errors+r.Lost, r.ServerCPUPerRequest(), 100*r.ServerUtilisation(),
			p50, p99, tputBase, cpuBase, cpuFH)
	}
	for _, r := range rows {
		if r.FirstErr != "" {
			fmt.Fprintf(w, "%s: first error: %s\n", r.Client, r.FirstErr)
		}
		if r.CutShort {
			fmt.Fprintf(w, "* %s: cut short by a time bound\n", r.Client)
		}
	}
	if res.Skipped > 0 {
		fmt.Fprintf(w, "%d slices skipped: the run hit its time bound\n", res.Skipped)
	}
}

// Targets of issue 12.
const (
	FasthttpMaxCPU        = 1.10 // sdk/fasthttp CPU per trigger vs raw/fasthttp
	FasthttpMinThroughput = 0.90
	NethttpMaxCPU         = 1.05 // sdk/nethttp vs raw/nethttp
	PublisherMaxCPU       = 0.20 // publisher/fasthttp CPU per event vs raw/fasthttp per trigger
	ServerMaxBusy         = 0.90 // the server is not the bottleneck below this
)

// WriteTargets prints whether each target of issue 12 is met in this run.
func (res *Results) WriteTargets(w io.Writer) {
	rows := res.Rows()
	check := func(ok bool) string {
		if ok {
			return "met "
		}
		return "MISS"
	}
	cmp := func(name, base string, maxCPU, minTput float64) {
		r, b := find(rows, name), find(rows, base)
		if r == nil || b == nil {
			return
		}
		cpu := r.CPUPerEvent() / b.CPUPerEvent()
		fmt.Fprintf(w, "%s %-18s client CPU/event %.3f× %s (want ≤ %.2f)\n", check(cpu <= maxCPU), name, cpu, base, maxCPU)
		if minTput > 0 {
			tput := r.PerSecond() / b.PerSecond()
			fmt.Fprintf(w, "%s %-18s throughput %.3f× %s (want ≥ %.2f)\n", check(tput >= minTput), name, tput, base, minTput)
		}
	}
	cmp("sdk/fasthttp", RawFasthttp, FasthttpMaxCPU, FasthttpMinThroughput)
	cmp("sdk/nethttp", RawNethttp, NethttpMaxCPU, 0)
	cmp(PublisherFasthttp, RawFasthttp, PublisherMaxCPU, 0)
	for _, r := range rows {
		if strings.HasPrefix(r.Client, "raw/") || r.Client == PublisherFasthttp {
			fmt.Fprintf(w, "%s %-18s server busy %.0f %% of its CPU (want < %.0f %%: not the bottleneck)\n",
				check(r.ServerUtilisation() < ServerMaxBusy), r.Client, 100*r.ServerUtilisation(), 100*ServerMaxBusy)
		}
	}
}

// Correct reports whether every event was signed right, carried the
// expected data, was answered 200 and reached the server exactly once.
func (res *Results) Correct() bool {
	for _, r := range res.Rows() {
		if r.Errors != 0 || r.Refused != 0 || r.Lost != 0 {
			return false
		}
	}
	return true
}

func ratio(a, b float64) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f", a/b)
}

func latency(d time.Duration) string {
	if d >= 10*time.Millisecond {
		return d.Round(time.Millisecond).String()
	}
	return d.Round(10 * time.Microsecond).String()
}

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}
