package fasthttp_test

import (
	"net"
	"testing"
	"time"

	"github.com/valyala/fasthttp"
	"github.com/valyala/fasthttp/fasthttputil"

	"github.com/go-pusher/channels/internal/testsupport/loopback"
	fasthttpdoer "github.com/go-pusher/channels/transport/fasthttp"
)

var lbBody = []byte(loopback.BodyText)

// BenchmarkLoopbackDo is one Do over loopback with a ctx that cannot be
// cancelled, so the call runs on the caller's goroutine.
func BenchmarkLoopbackDo(b *testing.B) {
	d := fasthttpdoer.New()
	b.Cleanup(d.CloseIdleConnections)
	loopback.DoLoop(b, d, loopback.Request(loopback.Server(b, nil), lbBody), 0)
}

// BenchmarkLoopbackDoInto is BenchmarkLoopbackDo through DoInto with one
// Response lent to every call, as a pusher.Client's pool lends them, and
// the timeout passed as a deadline: the adapter allocates nothing.
func BenchmarkLoopbackDoInto(b *testing.B) {
	d := fasthttpdoer.New()
	b.Cleanup(d.CloseIdleConnections)
	req := loopback.Request(loopback.Server(b, nil), lbBody)
	loopback.DoIntoLoop(b, d, req)
}

// BenchmarkInmemoryDoInto is BenchmarkLoopbackDoInto over an in-memory
// listener: compare with BenchmarkInmemoryRaw.
func BenchmarkInmemoryDoInto(b *testing.B) {
	ln := fasthttputil.NewInmemoryListener()
	c := lbInmemoryClient(ln)
	d := fasthttpdoer.New(fasthttpdoer.WithClient(c))
	b.Cleanup(d.CloseIdleConnections)
	req := loopback.Request(loopback.Server(b, ln), lbBody)
	loopback.DoIntoLoop(b, d, req)
}

// BenchmarkLoopbackDoCancellable is BenchmarkLoopbackDo with a ctx that has a deadline,
// as every call from a pusher.Client with its default timeout has: Do then
// runs the call on a goroutine of its own.
func BenchmarkLoopbackDoCancellable(b *testing.B) {
	d := fasthttpdoer.New()
	b.Cleanup(d.CloseIdleConnections)
	loopback.DoLoop(b, d, loopback.Request(loopback.Server(b, nil), lbBody), 5*time.Second)
}

// BenchmarkLoopbackDoParallel is BenchmarkLoopbackDo from 16 goroutines sharing the Doer.
func BenchmarkLoopbackDoParallel(b *testing.B) {
	d := fasthttpdoer.New()
	b.Cleanup(d.CloseIdleConnections)
	loopback.DoParallel(b, d, loopback.Request(loopback.Server(b, nil), lbBody), 0)
}

// BenchmarkInmemoryDo is BenchmarkLoopbackDo over an in-memory listener, so the
// figures are the adapter and fasthttp without the kernel: compare with
// BenchmarkInmemoryRaw.
func BenchmarkInmemoryDo(b *testing.B) {
	ln := fasthttputil.NewInmemoryListener()
	d := fasthttpdoer.New(fasthttpdoer.WithClient(lbInmemoryClient(ln)))
	b.Cleanup(d.CloseIdleConnections)
	loopback.DoLoop(b, d, loopback.Request(loopback.Server(b, ln), lbBody), 0)
}

// BenchmarkInmemoryRaw is the same exchange written against fasthttp by
// hand: the floor BenchmarkInmemoryDo is compared with.
func BenchmarkInmemoryRaw(b *testing.B) {
	ln := fasthttputil.NewInmemoryListener()
	c := lbInmemoryClient(ln)
	b.Cleanup(c.CloseIdleConnections)
	lbRaw(b, c, loopback.Server(b, ln))
}

// BenchmarkLoopbackRaw is the same exchange as BenchmarkLoopbackDo written against
// fasthttp by hand, the floor the adapter is compared with.
func BenchmarkLoopbackRaw(b *testing.B) {
	c := &fasthttp.Client{DisablePathNormalizing: true, ReadTimeout: 5 * time.Second, WriteTimeout: 5 * time.Second}
	b.Cleanup(c.CloseIdleConnections)
	lbRaw(b, c, loopback.Server(b, nil))
}

func lbRaw(b *testing.B, c *fasthttp.Client, url string) {
	b.ReportAllocs()
	for b.Loop() {
		req, resp := fasthttp.AcquireRequest(), fasthttp.AcquireResponse()
		req.SetRequestURI(url)
		req.Header.SetMethod(fasthttp.MethodPost)
		req.Header.Set("User-Agent", "pusher-bench")
		req.Header.SetContentType("application/json")
		req.SetBodyRaw(lbBody)
		if err := c.DoTimeout(req, resp, 5*time.Second); err != nil {
			b.Fatal(err)
		}
		if resp.StatusCode() != fasthttp.StatusOK {
			b.Fatalf("status %d", resp.StatusCode())
		}
		fasthttp.ReleaseRequest(req)
		fasthttp.ReleaseResponse(resp)
	}
}

// lbInmemoryClient is a client as the Doer's own, dialling ln.
func lbInmemoryClient(ln *fasthttputil.InmemoryListener) *fasthttp.Client {
	return &fasthttp.Client{
		Dial:                      func(string) (net.Conn, error) { return ln.Dial() },
		DisablePathNormalizing:    true,
		MaxIdemponentCallAttempts: 1,
		ReadTimeout:               5 * time.Second,
		WriteTimeout:              5 * time.Second,
	}
}
