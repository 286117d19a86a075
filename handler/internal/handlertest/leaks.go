package handlertest

import "go.uber.org/goleak"

// FasthttpGoroutines are the goroutines fasthttp leaves behind on its own,
// for goleak to ignore: fasthttp.Server's date ticker, and its worker
// pool's cleaner, which sleeps out its interval after Shutdown.
func FasthttpGoroutines() []goleak.Option {
	return []goleak.Option{
		goleak.IgnoreAnyFunction("github.com/valyala/fasthttp.updateServerDate.func1"),
		goleak.IgnoreAnyFunction("github.com/valyala/fasthttp.(*workerPool).Start.func2"),
	}
}
