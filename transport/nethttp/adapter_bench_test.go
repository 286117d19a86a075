package nethttp_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/go-pusher/channels/internal/testsupport/loopback"
	"github.com/go-pusher/channels/transport/nethttp"
)

var lbBody = []byte(loopback.BodyText)

// BenchmarkLoopbackDo is one Do over loopback from one goroutine, with a
// ctx that has a deadline as every call from a pusher.Client with its
// default timeout has (the server's cost is in the figures too).
func BenchmarkLoopbackDo(b *testing.B) {
	d := nethttp.New()
	b.Cleanup(d.CloseIdleConnections)
	loopback.DoLoop(b, d, loopback.Request(loopback.Server(b, nil), lbBody), 5*time.Second)
}

// BenchmarkLoopbackRaw is the same exchange written against a tuned
// net/http client by hand, the floor BenchmarkLoopbackDo is compared with.
func BenchmarkLoopbackRaw(b *testing.B) {
	hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64, DisableCompression: true}}
	b.Cleanup(hc.CloseIdleConnections)
	url := loopback.Server(b, nil)
	b.ReportAllocs()
	for b.Loop() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(lbBody))
		if err != nil {
			b.Fatal(err)
		}
		req.Header.Set("User-Agent", "pusher-bench")
		req.Header.Set("Content-Type", "application/json")
		resp, err := hc.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
		cancel()
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("status %d", resp.StatusCode)
		}
	}
}

// BenchmarkLoopbackDoParallel is BenchmarkLoopbackDo from 16 goroutines
// sharing the Doer.
func BenchmarkLoopbackDoParallel(b *testing.B) {
	d := nethttp.New()
	b.Cleanup(d.CloseIdleConnections)
	loopback.DoParallel(b, d, loopback.Request(loopback.Server(b, nil), lbBody), 5*time.Second)
}
