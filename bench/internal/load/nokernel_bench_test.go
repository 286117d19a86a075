package load

import (
	"context"
	"net"
	"testing"
	"time"

	"github.com/valyala/fasthttp"

	"github.com/go-pusher/channels/signing"
	fasthttpdoer "github.com/go-pusher/channels/transport/fasthttp"
)

// cannedConn is a net.Conn that answers every request written to it with
// one canned 200, at once and without the kernel: benchmarks through it
// measure a client's own CPU per trigger, fasthttp's writing and parsing
// included, which the load harness sees buried under system calls.
// fasthttp uses a connection for one request at a time, writing it whole
// before reading the answer.
type cannedConn struct {
	left []byte // what is still to be read of the current answer
}

const cannedAnswer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"

// Write takes a request (or a piece of one) and discards it.
func (c *cannedConn) Write(p []byte) (int, error) { return len(p), nil }

// Read returns the canned answer, starting it again once it is all read.
func (c *cannedConn) Read(p []byte) (int, error) {
	if len(c.left) == 0 {
		c.left = []byte(cannedAnswer)
	}
	n := copy(p, c.left)
	c.left = c.left[n:]
	return n, nil
}

func (*cannedConn) Close() error                     { return nil }
func (*cannedConn) LocalAddr() net.Addr              { return &net.TCPAddr{} }
func (*cannedConn) RemoteAddr() net.Addr             { return &net.TCPAddr{} }
func (*cannedConn) SetDeadline(time.Time) error      { return nil }
func (*cannedConn) SetReadDeadline(time.Time) error  { return nil }
func (*cannedConn) SetWriteDeadline(time.Time) error { return nil }

// cannedClient is a fasthttp client as the raw baseline's, dialling
// cannedConns.
func cannedClient() *fasthttp.Client {
	return &fasthttp.Client{
		Dial:                   func(string) (net.Conn, error) { return new(cannedConn), nil },
		DisablePathNormalizing: true,
		MaxConnsPerHost:        512,
		ReadTimeout:            rawTimeout,
		WriteTimeout:           rawTimeout,
	}
}

// cannedAddr is where the canned client pretends to connect.
const cannedAddr = "127.0.0.1:9"

// BenchmarkNoKernelRaw is the harness's raw fasthttp trigger (body, signed
// URL, acquired request and response) over a cannedConn.
func BenchmarkNoKernelRaw(b *testing.B) {
	c := cannedClient()
	r := newRawRequest(signing.NewSigner(Key, Secret), "http://"+cannedAddr, Payload(100))
	b.ReportAllocs()
	for b.Loop() {
		r.build()
		req, resp := fasthttp.AcquireRequest(), fasthttp.AcquireResponse()
		req.SetRequestURIBytes(r.url)
		req.Header.SetMethod(fasthttp.MethodPost)
		req.Header.SetContentType("application/json")
		req.SetBodyRaw(r.body)
		if err := c.DoTimeout(req, resp, rawTimeout); err != nil {
			b.Fatal(err)
		}
		if resp.StatusCode() != fasthttp.StatusOK {
			b.Fatal(resp.StatusCode())
		}
		fasthttp.ReleaseRequest(req)
		fasthttp.ReleaseResponse(resp)
	}
}

// BenchmarkNoKernelSDK is the harness's SDK trigger on the fasthttp adapter
// over a cannedConn: compare with BenchmarkNoKernelRaw.
func BenchmarkNoKernelSDK(b *testing.B) {
	c, err := NewSDK(cannedAddr, fasthttpdoer.New(fasthttpdoer.WithClient(cannedClient())))
	if err != nil {
		b.Fatal(err)
	}
	data := Payload(100)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Trigger(ctx, Channel, Event, data); err != nil {
			b.Fatal(err)
		}
	}
}
