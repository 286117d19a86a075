package handlertest

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain checks that no handler leaves a goroutine behind (the renewal
// of a deduplication claim included). fasthttp.Server's date ticker and
// its worker pool's cleaner are fasthttp's own.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m,
		goleak.IgnoreAnyFunction("github.com/valyala/fasthttp.updateServerDate.func1"),
		goleak.IgnoreAnyFunction("github.com/valyala/fasthttp.(*workerPool).Start.func2"),
	)
}
