// Package loopback is the trigger-sized exchange the adapters' benchmarks
// send over loopback: a signed-length query, a trigger body and a net/http
// server on 127.0.0.1 that answers 200 {} as the service does. It is for
// benchmarks only.
package loopback

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/go-pusher/channels/internal/fastpath"
	"github.com/go-pusher/channels/transport"
)

// Query is a signed trigger query of the usual length; the server checks
// only its length.
const Query = "auth_key=278d425bdf160c739803&auth_timestamp=1353088179&auth_version=1.0" +
	"&body_md5=ec365a775a4cd0599faeb73354201b6f&auth_signature=da454824c97ba181a32ccc17a72625ba02771f50b50e1e7430e47a1f3f457e6c"

// BodyText is a trigger body with about 100 bytes of data.
const BodyText = `{"name":"bench-event","channels":["bench-channel"],"data":"{\"message\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}"}`

// Server starts a net/http server on a 127.0.0.1 listener, or on ln when it
// is not nil, that answers 200 {} to a request with BodyText's length and
// Query's length and 400 otherwise; it returns the URL to post to and stops
// at the end of tb. (A fasthttp.Server would leave worker goroutines
// sleeping after Shutdown, which goleak checks report.)
func Server(tb testing.TB, ln net.Listener) string {
	tb.Helper()
	s := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, _ := io.Copy(io.Discard, r.Body)
		if int(n) != len(BodyText) || len(r.URL.RawQuery) != len(Query) {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, "{}")
	}))
	if ln != nil {
		_ = s.Listener.Close()
		s.Listener = ln
	}
	s.Start()
	tb.Cleanup(s.Close)
	return "http://" + s.Listener.Addr().String() + "/apps/1/events?" + Query
}

// Request is the trigger POST to url with body.
func Request(url string, body []byte) *transport.Request {
	return &transport.Request{
		Method: http.MethodPost,
		URL:    url,
		Header: http.Header{"User-Agent": {"pusher-bench"}, "Content-Type": {"application/json"}},
		Body:   body,
	}
}

// DoIntoLoop runs b's loop through d.DoInto, lending one Response to every
// call, passing req's header prepared once and the default timeout as a
// deadline, as a pusher.Client does, and fails b on an error or a status
// other than 200.
func DoIntoLoop(b *testing.B, d fastpath.Doer, req *transport.Request) {
	ctx := context.Background()
	header := fastpath.NewHeader(req.Header)
	var resp transport.Response
	b.ReportAllocs()
	for b.Loop() {
		if err := d.DoInto(ctx, req, header, time.Now().Add(5*time.Second), &resp); err != nil {
			b.Fatal(err)
		}
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("status %d", resp.StatusCode)
		}
	}
}

// DoLoop runs b's loop through d.Do, each call under a ctx with timeout
// (a pusher.Client's default timeout gives every call one), or under
// context.Background() when timeout is 0, and fails b on an error or a
// status other than 200.
func DoLoop(b *testing.B, d transport.Doer, req *transport.Request, timeout time.Duration) {
	b.ReportAllocs()
	for b.Loop() {
		if err := doOK(d, req, timeout); err != nil {
			b.Fatal(err)
		}
	}
}

// DoParallel is DoLoop from 8 goroutines per CPU sharing d.
func DoParallel(b *testing.B, d transport.Doer, req *transport.Request, timeout time.Duration) {
	b.ReportAllocs()
	b.SetParallelism(8)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := doOK(d, req, timeout); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// doOK makes one call of DoLoop and says what went wrong, if anything.
func doOK(d transport.Doer, req *transport.Request, timeout time.Duration) error {
	ctx := context.Background()
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	resp, err := d.Do(ctx, req)
	switch {
	case err != nil:
		return err
	case resp.StatusCode != http.StatusOK:
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return nil
}
