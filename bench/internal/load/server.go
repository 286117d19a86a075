package load

import (
	"bytes"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/valyala/fasthttp"
)

// maxSkew is how far auth_timestamp may be from the server's clock.
const maxSkew = 5 * time.Minute

// Server is the Channels stand-in the clients send to: a fasthttp server
// that checks every request's signature and body and counts what it sees,
// allocating nothing per request once warm, so that it stays cheaper per
// request than any client it measures. A trigger (POST EventsPath) must
// carry exactly the expected body; a batch (POST BatchPath) is counted as
// the events it carries, and each event whose data starts with a
// publish time (EventData) adds that event's publish-to-delivered latency
// to the histogram.
type Server struct {
	srv       *fasthttp.Server
	ln        net.Listener
	wantBody  []byte
	verifiers sync.Pool // *verifier

	conns, requests, events, sigFailures, badRequests atomic.Int64
	latency                                           Histogram
}

// Counts are a Server's counters at one moment.
type Counts struct {
	Conns       int64 // connections accepted
	Requests    int64 // requests received
	Events      int64 // events delivered: one per trigger, as many as a batch holds
	SigFailures int64 // requests whose signature did not verify
	BadRequests int64 // requests with a good signature but the wrong method, path or body
}

// Listen starts a Server on 127.0.0.1 (a free port) that expects triggers
// of data. Close it when done.
func Listen(data string) (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &Server{wantBody: AppendTriggerBody(nil, data)}
	s.verifiers.New = func() any { return newVerifier() }
	s.ln = &countingListener{Listener: ln, n: &s.conns}
	s.srv = &fasthttp.Server{
		Handler:                       s.handle,
		DisableHeaderNamesNormalizing: true,
		NoDefaultDate:                 true,
		NoDefaultServerHeader:         true,
		NoDefaultContentType:          true,
		Concurrency:                   4096,
	}
	go func() { _ = s.srv.Serve(s.ln) }()
	return s, nil
}

// Addr is the "127.0.0.1:port" the Server listens on.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Counts returns the counters now.
func (s *Server) Counts() Counts {
	return Counts{
		Conns:       s.conns.Load(),
		Requests:    s.requests.Load(),
		Events:      s.events.Load(),
		SigFailures: s.sigFailures.Load(),
		BadRequests: s.badRequests.Load(),
	}
}

// Latency is the histogram of publish-to-delivered latencies.
func (s *Server) Latency() *Histogram { return &s.latency }

// Close stops the Server and closes its connections.
func (s *Server) Close() error { return s.srv.Shutdown() }

var (
	jsonContentType = []byte("application/json")
	emptyObject     = []byte("{}")
	batchPrefix     = []byte(`{"batch":[`)
	eventMember     = []byte(`"name":"` + Event + `"`)
	channelMember   = []byte(`"channel":"` + Channel + `"`)
	publishedAt     = []byte(`{\"t\":`)
)

// handle answers 200 {} once it has checked the signature over the path
// and query exactly as received, then the method, path and body; 401 or
// 400 with no body otherwise.
func (s *Server) handle(ctx *fasthttp.RequestCtx) {
	s.requests.Add(1)
	uri := ctx.URI()
	path := uri.PathOriginal()
	body := ctx.PostBody()
	v := s.verifiers.Get().(*verifier)
	ok := v.verify(ctx.Method(), path, uri.QueryArgs(), body, time.Now())
	s.verifiers.Put(v)
	if !ok {
		s.sigFailures.Add(1)
		ctx.SetStatusCode(fasthttp.StatusUnauthorized)
		return
	}
	events := int64(0)
	switch {
	case !ctx.IsPost():
	case string(path) == EventsPath && bytes.Equal(body, s.wantBody):
		events = 1
	case string(path) == BatchPath && bytes.HasPrefix(body, batchPrefix):
		events = s.batch(body)
	}
	if events == 0 {
		s.badRequests.Add(1)
		ctx.SetStatusCode(fasthttp.StatusBadRequest)
		return
	}
	s.events.Add(events)
	ctx.Response.Header.SetContentTypeBytes(jsonContentType)
	ctx.Response.SetBodyRaw(emptyObject)
}

// batch returns how many of the harness's events body holds (0 if its
// events are not all on Channel), recording the latency of each that
// carries its publish time.
func (s *Server) batch(body []byte) int64 {
	n := int64(bytes.Count(body, eventMember))
	if n == 0 || int64(bytes.Count(body, channelMember)) != n {
		return 0
	}
	now := time.Now().UnixNano()
	for rest := body; ; {
		i := bytes.Index(rest, publishedAt)
		if i < 0 {
			break
		}
		rest = rest[i+len(publishedAt):]
		j := bytes.IndexByte(rest, ',')
		if j < 0 {
			break
		}
		if t, ok := parseDigits(rest[:j]); ok {
			s.latency.Add(time.Duration(now - t))
		}
	}
	return n
}

// countingListener counts the connections it accepts.
type countingListener struct {
	net.Listener
	n *atomic.Int64
}

// Accept accepts a connection and counts it.
func (l *countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err == nil {
		l.n.Add(1)
	}
	return c, err
}
