package load

import (
	"bytes"
	"net"
	"sync/atomic"
	"time"

	"github.com/valyala/fasthttp"
)

// maxSkew is how far auth_timestamp may be from the server's clock.
const maxSkew = 5 * time.Minute

// Server is the Channels stand-in the clients send to: an HTTP/1.1
// server on one goroutine (epoll on Linux) that checks every
// request's signature and body and counts what it sees, allocating
// nothing per request once warm. A trigger (POST EventsPath) must carry
// exactly the expected body; a batch (POST BatchPath) is counted as the
// events it carries, and each event whose data starts with a publish time
// (EventData) adds that event's publish-to-delivered latency to the
// histogram.
//
// A spinning Server polls for requests instead of sleeping in the kernel,
// so that a client's request never has to wake it: on a virtual machine, waking a
// sleeping process on another CPU costs the waker more than the whole of
// a client's own work for a trigger, a cost a remote service never puts
// on its clients. Its CPU is then all taken; Busy is the time it spent
// on requests.
type Server struct {
	addr     string
	loop     *loop
	wantBody []byte

	conns, requests, events, sigFailures, badRequests atomic.Int64
	busy                                              atomic.Int64 // ns
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
// of data, spinning if spin is set. Close it when done.
func Listen(data string, spin bool) (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	defer func() { _ = ln.Close() }() // the loop has its own copy of the socket
	s := &Server{addr: ln.Addr().String(), wantBody: AppendTriggerBody(nil, data)}
	s.loop, err = startLoop(s, ln.(*net.TCPListener), spin)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// Addr is the "127.0.0.1:port" the Server listens on.
func (s *Server) Addr() string { return s.addr }

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

// Busy is the time the Server has spent reading, checking and answering
// requests (waiting or polling for them excluded).
func (s *Server) Busy() time.Duration { return time.Duration(s.busy.Load()) }

// Latency is the histogram of publish-to-delivered latencies.
func (s *Server) Latency() *Histogram { return &s.latency }

// Close stops the Server and closes its connections.
func (s *Server) Close() error {
	s.loop.close()
	return nil
}

var (
	answerOK      = []byte("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
	answerDenied  = []byte("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n")
	answerRefused = []byte("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
	batchPrefix   = []byte(`{"batch":[`)
	eventMember   = []byte(`"name":"` + Event + `"`)
	channelMember = []byte(`"channel":"` + Channel + `"`)
	publishedAt   = []byte(`{\"t\":`)
)

// check returns the status of a request of method, path (as sent), query
// (parsed into args) and body: 200 once it has checked the signature over
// the path and query exactly as received, then the method, path and body;
// 401 or 400 otherwise. v is the caller's scratch space.
func (s *Server) check(v *verifier, method, path []byte, args *fasthttp.Args, body []byte) int {
	s.requests.Add(1)
	if !v.verify(method, path, args, body, time.Now()) {
		s.sigFailures.Add(1)
		return fasthttp.StatusUnauthorized
	}
	events := int64(0)
	switch {
	case string(method) != fasthttp.MethodPost:
	case string(path) == EventsPath && bytes.Equal(body, s.wantBody):
		events = 1
	case string(path) == BatchPath && bytes.HasPrefix(body, batchPrefix):
		events = s.batch(body)
	}
	if events == 0 {
		s.badRequests.Add(1)
		return fasthttp.StatusBadRequest
	}
	s.events.Add(events)
	return fasthttp.StatusOK
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
