package load

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// reportRow is one table row of a report the harness wrote, as read back.
type reportRow struct {
	client, scenario string
	perSecond        float64
	cpuPerTrigger    float64
	allocsPerTrigger float64
	newConns         int
	sigFailures      int
	errors           int
}

// readReport reads the table rows of one report the harness wrote (the
// lines starting "| raw/" or "| sdk/").
func readReport(r io.Reader) ([]reportRow, error) {
	var rows []reportRow
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, "| raw/") && !strings.HasPrefix(line, "| sdk/") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		if len(cells) < 8 {
			return nil, fmt.Errorf("table row with %d cells: %q", len(cells), line)
		}
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		var row reportRow
		var err error
		row.client, row.scenario = cells[0], cells[1]
		nums := []struct {
			cell string
			dst  *float64
		}{{strings.TrimSuffix(cells[2], "*"), &row.perSecond}, {cells[3], &row.cpuPerTrigger}, {cells[4], &row.allocsPerTrigger}}
		for _, n := range nums {
			if *n.dst, err = strconv.ParseFloat(n.cell, 64); err != nil {
				return nil, fmt.Errorf("row %q: %w", line, err)
			}
		}
		ints := []struct {
			cell string
			dst  *int
		}{{cells[5], &row.newConns}, {cells[6], &row.sigFailures}, {cells[7], &row.errors}}
		for _, n := range ints {
			if *n.dst, err = strconv.Atoi(n.cell); err != nil {
				return nil, fmt.Errorf("row %q: %w", line, err)
			}
		}
		rows = append(rows, row)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("no table rows")
	}
	return rows, nil
}

// spreadOf is how a figure ranged over runs.
type spreadOf struct{ min, max, sum float64 }

func (s *spreadOf) add(v float64, first bool) {
	if first || v < s.min {
		s.min = v
	}
	if first || v > s.max {
		s.max = v
	}
	s.sum += v
}

// WriteSummary reads reports the harness wrote (named by names, in the
// same order) and prints, per SDK client and scenario, how its ratios to
// its raw baseline ranged over them, with their mean, how many runs missed
// the throughput target, its allocations next to the baseline's,
// and the worst new-connection, signature-failure and error counts.
func WriteSummary(w io.Writer, names []string, reports []io.Reader) error {
	type key struct{ client, scenario string }
	type acc struct {
		tput, cpu, allocs, rawAllocs spreadOf
		under, runs                  int
		newConns, sigFail, errs      int
	}
	accs := map[key]*acc{}
	var order []key
	for i, r := range reports {
		rows, err := readReport(r)
		if err != nil {
			return fmt.Errorf("%s: %w", names[i], err)
		}
		byKey := map[key]reportRow{}
		for _, row := range rows {
			byKey[key{row.client, row.scenario}] = row
		}
		for _, row := range rows {
			transport, ok := strings.CutPrefix(row.client, "sdk/")
			if !ok || strings.Contains(transport, "-") { // diagnostic clients have no target
				continue
			}
			base, ok := byKey[key{"raw/" + transport, row.scenario}]
			if !ok || base.perSecond == 0 || base.cpuPerTrigger == 0 {
				continue
			}
			k := key{row.client, row.scenario}
			a := accs[k]
			if a == nil {
				a = &acc{}
				accs[k] = a
				order = append(order, k)
			}
			first := a.runs == 0
			tput := row.perSecond / base.perSecond
			a.tput.add(tput, first)
			a.cpu.add(row.cpuPerTrigger/base.cpuPerTrigger, first)
			a.allocs.add(row.allocsPerTrigger, first)
			a.rawAllocs.add(base.allocsPerTrigger, first)
			if tput < minThroughput(row.client) {
				a.under++
			}
			a.runs++
			a.newConns = max(a.newConns, row.newConns, base.newConns)
			a.sigFail = max(a.sigFail, row.sigFailures, base.sigFailures)
			a.errs = max(a.errs, row.errors, base.errors)
		}
	}
	slices.SortStableFunc(order, func(a, b key) int {
		return slices.Index(Scenarios[:], a.scenario) - slices.Index(Scenarios[:], b.scenario)
	})
	fmt.Fprintf(w, "%d reports: %s\n\n", len(reports), strings.Join(names, ", "))
	fmt.Fprintln(w, "| client | scenario | tput ×base: range (mean) | runs under target | CPU ×base: range (mean) | allocs/trig: SDK (raw) | new conns, sig fail, err (worst) |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|")
	for _, k := range order {
		a := accs[k]
		n := float64(a.runs)
		fmt.Fprintf(w, "| %s | %s | %.3f–%.3f (%.3f) | %d of %d (want ≥ %.2f) | %.2f–%.2f (%.2f) | %s (%s) | %d, %d, %d |\n",
			k.client, k.scenario, a.tput.min, a.tput.max, a.tput.sum/n, a.under, a.runs, minThroughput(k.client),
			a.cpu.min, a.cpu.max, a.cpu.sum/n, rangeText(a.allocs), rangeText(a.rawAllocs), a.newConns, a.sigFail, a.errs)
	}
	return nil
}

// minThroughput is the throughput target for an SDK client.
func minThroughput(client string) float64 {
	if client == "sdk/fasthttp" {
		return FasthttpMinThroughput
	}
	return OtherMinThroughput
}

// rangeText prints a one-decimal range, or one figure when it did not move.
func rangeText(s spreadOf) string {
	if fmt.Sprintf("%.1f", s.min) == fmt.Sprintf("%.1f", s.max) {
		return fmt.Sprintf("%.1f", s.min)
	}
	return fmt.Sprintf("%.1f–%.1f", s.min, s.max)
}
