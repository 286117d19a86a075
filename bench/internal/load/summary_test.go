package load

import (
	"io"
	"strings"
	"testing"
)

// report is a harness report cut down to what WriteSummary reads.
func report(rows ...string) io.Reader {
	head := "machine: test\n\n| client | scenario | trig/s |\n| --- | --- | --- |\n"
	return strings.NewReader(head + strings.Join(rows, "\n") + "\n\nTargets (issue 7):\nmet  sdk/nethttp ...\n")
}

func TestWriteSummary(t *testing.T) {
	one := report(
		"| raw/nethttp       | waves-16   |     10000 |    40.00 |    66.0 |     0 |    0 |    0 |   30.00 |        |        |   0.90 |   1.30 |",
		"| sdk/nethttp       | waves-16   |      9000 |    44.00 |    65.0 |     1 |    0 |    0 |   30.00 |   0.90 |   1.10 |   0.80 |   1.40 |",
		"| sdk/fasthttp-t0   | waves-16   |      9000 |    44.00 |    65.0 |     0 |    0 |    0 |   30.00 |   0.90 |   1.10 |   0.80 |   1.40 |",
	)
	two := report(
		"| raw/nethttp       | waves-16   |     10000 |    40.00 |    66.0 |     0 |    0 |    0 |   30.00 |        |        |   0.90 |   1.30 |",
		"| sdk/nethttp       | waves-16   |     10000* |    40.00 |    66.0 |     0 |    2 |    3 |   30.00 |   1.00 |   1.00 |   0.80 |   1.40 |",
	)
	var out strings.Builder
	if err := WriteSummary(&out, []string{"one", "two"}, []io.Reader{one, two}); err != nil {
		t.Fatal(err)
	}
	want := "| sdk/nethttp | waves-16 | 0.900–1.000 (0.950) | 1 of 2 (want ≥ 0.95) | 1.00–1.10 (1.05) | 65.0–66.0 (66.0) | 1, 2, 3 |"
	if !strings.Contains(out.String(), want) {
		t.Errorf("summary:\n%s\nwant a line\n%s", out.String(), want)
	}
	if strings.Contains(out.String(), "fasthttp-t0") {
		t.Errorf("a diagnostic client, which has no target, is in the summary:\n%s", out.String())
	}
}

func TestWriteSummaryRefusesReportWithoutRows(t *testing.T) {
	var out strings.Builder
	err := WriteSummary(&out, []string{"empty"}, []io.Reader{strings.NewReader("machine: test\n")})
	if err == nil || !strings.Contains(err.Error(), "empty") {
		t.Fatalf("error %v, want one naming the report", err)
	}
	bad := report("| sdk/nethttp | waves-16 | many | 1 | 1 | 0 | 0 | 0 |")
	if err := WriteSummary(&out, []string{"bad"}, []io.Reader{bad}); err == nil {
		t.Fatal("no error for a row whose rate is not a number")
	}
}
