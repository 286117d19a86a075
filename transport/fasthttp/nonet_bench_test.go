package fasthttp_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/valyala/fasthttp"

	"github.com/go-pusher/channels/internal/fastpath"
	"github.com/go-pusher/channels/transport"
	fasthttpdoer "github.com/go-pusher/channels/transport/fasthttp"
)

// answerAtOnce is a fasthttp transport that answers 200 {} without any
// I/O, so benchmarks through it measure what the adapter adds to a call.
type answerAtOnce struct{}

func (answerAtOnce) RoundTrip(_ *fasthttp.HostClient, _ *fasthttp.Request, resp *fasthttp.Response) (bool, error) {
	resp.SetStatusCode(fasthttp.StatusOK)
	resp.Header.SetContentType("application/json")
	resp.SetBodyString("{}")
	return false, nil
}

const nonetURL = "http://127.0.0.1:8080/apps/1/events?auth_key=278d425bdf160c739803&auth_timestamp=1353088179&auth_version=1.0&body_md5=ec365a775a4cd0599faeb73354201b6f&auth_signature=da454824c97ba181a32ccc17a72625ba02771f50b50e1e7430e47a1f3f457e6c"

var nonetBody = []byte(`{"name":"bench-event","channels":["bench-channel"],"data":"{\"message\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}"}`)

func nonetClient() *fasthttp.HostClient {
	return &fasthttp.HostClient{Addr: "127.0.0.1:8080", Transport: answerAtOnce{}, DisablePathNormalizing: true, MaxIdemponentCallAttempts: 1}
}

// BenchmarkNoNetworkDoInto is the client's fast path to the adapter with
// fasthttp answering without I/O: the adapter's own cost per call, with
// the header prepared once as a client prepares its own.
func BenchmarkNoNetworkDoInto(b *testing.B) {
	d := fasthttpdoer.New(fasthttpdoer.WithHostClient(nonetClient()))
	header := fastpath.NewHeader(http.Header{"User-Agent": {"go-pusher-channels/0.1.0"}, "Content-Type": {"application/json"}})
	req := &transport.Request{Method: http.MethodPost, URL: nonetURL, Body: nonetBody, Header: header.Fields()}
	var resp transport.Response
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if err := d.DoInto(ctx, req, header, time.Now().Add(5*time.Second), &resp); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNoNetworkRaw is the same call written against fasthttp by hand,
// as the load harness's raw client makes it.
func BenchmarkNoNetworkRaw(b *testing.B) {
	hc := nonetClient()
	b.ReportAllocs()
	for b.Loop() {
		req, resp := fasthttp.AcquireRequest(), fasthttp.AcquireResponse()
		req.SetRequestURI(nonetURL)
		req.Header.SetMethod(fasthttp.MethodPost)
		req.Header.SetContentType("application/json")
		req.SetBodyRaw(nonetBody)
		if err := hc.DoTimeout(req, resp, 5*time.Second); err != nil || resp.StatusCode() != fasthttp.StatusOK {
			b.Fatal(err)
		}
		fasthttp.ReleaseRequest(req)
		fasthttp.ReleaseResponse(resp)
	}
}
