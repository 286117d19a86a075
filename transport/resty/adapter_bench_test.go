package resty_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/go-resty/resty/v2"

	"github.com/go-pusher/channels/transport"
	restydoer "github.com/go-pusher/channels/transport/resty"
)

// lbQuery is a signed trigger query of the usual length; the bench server
// checks only its length.
const lbQuery = "auth_key=278d425bdf160c739803&auth_timestamp=1353088179&auth_version=1.0" +
	"&body_md5=ec365a775a4cd0599faeb73354201b6f&auth_signature=da454824c97ba181a32ccc17a72625ba02771f50b50e1e7430e47a1f3f457e6c"

var lbBody = []byte(`{"name":"bench-event","channels":["bench-channel"],"data":"{\"message\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}"}`)

// lbServer answers every request 200 {} as the service does, on 127.0.0.1,
// and returns the URL to post to.
func lbServer(b *testing.B) string {
	b.Helper()
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, _ := io.Copy(io.Discard, r.Body)
		if int(n) != len(lbBody) || len(r.URL.RawQuery) != len(lbQuery) {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, "{}")
	}))
	b.Cleanup(s.Close)
	return s.URL + "/apps/1/events?" + lbQuery
}

func lbRequest(url string) *transport.Request {
	return &transport.Request{
		Method: http.MethodPost,
		URL:    url,
		Header: http.Header{"User-Agent": {"pusher-bench"}, "Content-Type": {"application/json"}},
		Body:   lbBody,
	}
}

// BenchmarkLoopbackDo is one Do over loopback from one goroutine, with a
// ctx that has a deadline as every call from a pusher.Client with its
// default timeout has (the server's cost is in the figures too).
func BenchmarkLoopbackDo(b *testing.B) {
	d := restydoer.New()
	b.Cleanup(d.CloseIdleConnections)
	req := lbRequest(lbServer(b))
	b.ReportAllocs()
	for b.Loop() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		resp, err := d.Do(ctx, req)
		cancel()
		if err != nil || resp.StatusCode != http.StatusOK {
			b.Fatal(resp, err)
		}
	}
}

// BenchmarkLoopbackRaw is the same exchange written against resty by
// hand (a tuned transport, resty reading the answer as it does by
// default), the floor BenchmarkLoopbackDo is compared with.
func BenchmarkLoopbackRaw(b *testing.B) {
	rc := resty.NewWithClient(&http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64, DisableCompression: true}})
	b.Cleanup(rc.GetClient().CloseIdleConnections)
	url := lbServer(b)
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
	req := lbRequest(lbServer(b))
	b.ReportAllocs()
	b.SetParallelism(8)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			resp, err := d.Do(ctx, req)
			cancel()
			if err != nil || resp.StatusCode != http.StatusOK {
				b.Error(resp, err)
				return
			}
		}
	})
}
