package bench_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-pusher/channels/bench/internal/load"
	"github.com/go-pusher/channels/internal/testsupport/signcheck"
	"github.com/go-pusher/channels/transport"
	fasthttpdoer "github.com/go-pusher/channels/transport/fasthttp"
	"github.com/go-pusher/channels/transport/nethttp"
	restydoer "github.com/go-pusher/channels/transport/resty"
)

// verifyingServer is an httptest server on 127.0.0.1 that checks each
// trigger's signature and counts the ones that fail.
type verifyingServer struct {
	*httptest.Server
	failures atomic.Int64
}

func newVerifyingServer(b *testing.B) *verifyingServer {
	b.Helper()
	s := &verifyingServer{}
	v := signcheck.Verifier{
		Secret:  func(key string) (string, bool) { return load.Secret, key == load.Key },
		Now:     time.Now,
		MaxSkew: time.Minute,
	}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err == nil {
			err = v.Verify(r.Method, r.URL.EscapedPath(), r.URL.RawQuery, body)
		}
		if err != nil {
			s.failures.Add(1)
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, "{}")
	}))
	b.Cleanup(s.Close)
	return s
}

// loopbackCase is one client of the loopback benchmarks: how to build it
// for a server at addr, and which server it talks to. build returns the
// client's worker factory: one worker per goroutine, all sharing the
// client and its connections.
type loopbackCase struct {
	name     string
	fasthttp bool // against the fasthttp server rather than httptest
	build    func(b *testing.B, addr, data string) func() load.Trigger
}

// sdkCase triggers through the SDK on the Doer newDoer returns (nil for
// the default transport).
func sdkCase(name string, fasthttp bool, newDoer func() transport.Doer) loopbackCase {
	return loopbackCase{name: name, fasthttp: fasthttp, build: func(b *testing.B, addr, data string) func() load.Trigger {
		d := newDoer()
		if ic, ok := d.(transport.IdleCloser); ok {
			b.Cleanup(ic.CloseIdleConnections)
		}
		c, err := load.NewSDK(addr, d)
		if err != nil {
			b.Fatal(err)
		}
		trigger := func(ctx context.Context) error {
			_, err := c.Trigger(ctx, load.Channel, load.Event, data)
			return err
		}
		return func() load.Trigger { return trigger }
	}}
}

// rawCase triggers with the harness's hand-signed raw client name.
func rawCase(name string, fasthttp bool) loopbackCase {
	return loopbackCase{name: name, fasthttp: fasthttp, build: func(b *testing.B, addr, data string) func() load.Trigger {
		for _, c := range load.NewRawClients(addr, data) {
			b.Cleanup(c.Close)
			if c.Name == name {
				return c.NewWorker
			}
		}
		b.Fatalf("no raw client %s", name)
		return nil
	}}
}

func loopbackCases() []loopbackCase {
	return []loopbackCase{
		sdkCase("sdk/nethttp", false, func() transport.Doer { return nethttp.New() }),
		rawCase(load.RawNethttp, false),
		sdkCase("sdk/resty", false, func() transport.Doer { return restydoer.New() }),
		rawCase(load.RawResty, false),
		sdkCase("sdk/fasthttp", true, func() transport.Doer { return fasthttpdoer.New() }),
		rawCase(load.RawFasthttp, true),
	}
}

// startLoopbackServer starts the server tc talks to and returns its
// address and a function reporting how many requests it refused.
func startLoopbackServer(b *testing.B, tc loopbackCase, data string) (string, func() int64) {
	b.Helper()
	if tc.fasthttp {
		s, err := load.Listen(data, false)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { _ = s.Close() })
		return s.Addr(), func() int64 { c := s.Counts(); return c.SigFailures + c.BadRequests }
	}
	s := newVerifyingServer(b)
	return strings.TrimPrefix(s.URL, "http://"), s.failures.Load
}

// BenchmarkTriggerLoopback is a whole Trigger of 100 bytes of string data
// over keep-alive loopback, from one goroutine, through the SDK on each
// transport and through the matching hand-signed raw client: net/http
// and resty against an httptest server, fasthttp against a
// fasthttp.Server. Both servers verify every signature. The server runs
// in the same process, so its CPU and allocations are in the figures;
// compare each SDK case with the raw case on the same server.
func BenchmarkTriggerLoopback(b *testing.B) {
	data := load.Payload(100)
	for _, tc := range loopbackCases() {
		b.Run(strings.ReplaceAll(tc.name, "/", "-"), func(b *testing.B) {
			addr, failures := startLoopbackServer(b, tc, data)
			trigger := tc.build(b, addr, data)()
			ctx := context.Background()
			defer reportCPU(b)()
			b.ReportAllocs()
			for b.Loop() {
				if err := trigger(ctx); err != nil {
					b.Fatal(err)
				}
			}
			if n := failures(); n > 0 {
				b.Fatalf("server refused %d requests", n)
			}
		})
	}
}

// BenchmarkTriggerLoopbackParallel is BenchmarkTriggerLoopback from 16
// goroutines (8 per CPU on 2 CPUs) sharing one client.
func BenchmarkTriggerLoopbackParallel(b *testing.B) {
	data := load.Payload(100)
	for _, tc := range loopbackCases() {
		b.Run(strings.ReplaceAll(tc.name, "/", "-"), func(b *testing.B) {
			addr, failures := startLoopbackServer(b, tc, data)
			newWorker := tc.build(b, addr, data)
			defer reportCPU(b)()
			b.ReportAllocs()
			b.SetParallelism(8)
			b.RunParallel(func(pb *testing.PB) {
				trigger := newWorker()
				ctx := context.Background()
				for pb.Next() {
					if err := trigger(ctx); err != nil {
						b.Error(err)
						return
					}
				}
			})
			if n := failures(); n > 0 {
				b.Fatalf("server refused %d requests", n)
			}
		})
	}
}
