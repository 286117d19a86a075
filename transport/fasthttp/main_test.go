package fasthttp_test

import (
	"testing"

	"go.uber.org/goleak"
)

// goroutinesFasthttpKeeps are fasthttp's own background sweepers, not tied
// to any one call: idle connections and host entries of a long-lived client
// (they stop once those are gone, after MaxIdleConnDuration, 10s by
// default), and the DNS cache of fasthttp's default dialer (stops once its
// entries expire, after a minute). Both outlive a test run. The goroutine
// Do starts for a cancellable ctx is not among them, so a call left running
// still fails the package.
var goroutinesFasthttpKeeps = []goleak.Option{
	goleak.IgnoreAnyFunction("github.com/valyala/fasthttp.(*Client).mCleaner"),
	goleak.IgnoreAnyFunction("github.com/valyala/fasthttp.(*HostClient).connsCleaner"),
	goleak.IgnoreAnyFunction("github.com/valyala/fasthttp.(*TCPDialer).tcpAddrsClean"),
}

// TestMain fails the package if any test leaves a goroutine behind.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m, goroutinesFasthttpKeeps...) }
