package bench_test

import (
	"testing"

	"github.com/go-pusher/channels/bench/internal/load"
)

// reportCPU starts counting the process's CPU time; the function it
// returns, deferred at the end of a benchmark, reports it per op as
// "cpu-ns/op". Unlike ns/op it leaves out the time other processes held
// the CPUs, so it stays comparable on a shared machine; it includes the
// GC's background work, and for the loopback benchmarks the in-process
// server's CPU too. Off Linux nothing is reported.
func reportCPU(b *testing.B) func() {
	start := load.ProcessCPU()
	return func() {
		if used := load.ProcessCPU() - start; used > 0 && b.N > 0 {
			b.ReportMetric(float64(used.Nanoseconds())/float64(b.N), "cpu-ns/op")
		}
	}
}
