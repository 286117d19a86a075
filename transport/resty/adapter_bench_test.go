package resty_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/go-resty/resty/v2"

	"github.com/go-pusher/channels/internal/testsupport/loopback"
	restydoer "github.com/go-pusher/channels/transport/resty"
)

var lbBody = []byte(loopback.BodyText)

// BenchmarkLoopbackDo is one Do over loopback from one goroutine, with a
// ctx that has a deadline as every call from a pusher.Client with its
// default timeout has (the server's cost is in the figures too).
func BenchmarkLoopbackDo(b *testing.B) {
	d := restydoer.New()
	b.Cleanup(d.CloseIdleConnections)
	loopback.DoLoop(b, d, loopback.Request(loopback.Server(b, nil), lbBody), 5*time.Second)
}

// BenchmarkLoopbackRaw is the same exchange written against resty by
// hand (a tuned transport, resty reading the answer as it does by
// default), the floor BenchmarkLoopbackDo is compared with.
func BenchmarkLoopbackRaw(b *testing.B) {
	rc := resty.NewWithClient(&http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64, DisableCompression: true}})
	b.Cleanup(rc.GetClient().CloseIdleConnections)
	url := loopback.Server(b, nil)
	b.ReportAllocs()
	for b.Loop() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		resp, err := rc.R().
			SetContext(ctx).
			SetHeader("User-Agent", "pusher-bench").
			SetHeader("Content-Type", "application/json").
			SetBody(lbBody).
			Post(url)
		cancel()
		if err != nil {
			b.Fatal(err)
		}
		if resp.StatusCode() != http.StatusOK {
			b.Fatalf("status %d", resp.StatusCode())
		}
	}
}

// BenchmarkLoopbackDoParallel is BenchmarkLoopbackDo from 16 goroutines
// sharing the Doer.
func BenchmarkLoopbackDoParallel(b *testing.B) {
	d := restydoer.New()
	b.Cleanup(d.CloseIdleConnections)
	loopback.DoParallel(b, d, loopback.Request(loopback.Server(b, nil), lbBody), 5*time.Second)
}
