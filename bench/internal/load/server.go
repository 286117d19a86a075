package load

import (
	"bytes"
	"encoding/json"
	"net"
	"slices"
	"sync/atomic"
	"time"

	"github.com/valyala/fasthttp"

	"github.com/go-pusher/channels/internal/testsupport/signcheck"
)

// maxSkew is how far auth_timestamp may be from the server's clock.
const maxSkew = 5 * time.Minute

// Server is the Channels stand-in the clients trigger on: a fasthttp
// server that checks every request's signature with signcheck.Verifier
// and its body against the expected trigger, and counts what it sees. A
// client that signs wrongly, or sends the wrong thing, is counted, not
// served.
type Server struct {
	srv      *fasthttp.Server
	ln       net.Listener
	wantBody []byte
	data     string

	conns       atomic.Int64
	requests    atomic.Int64
	sigFailures atomic.Int64
	badRequests atomic.Int64
}

// Counts are a Server's counters at one moment.
type Counts struct {
	Conns       int64 // connections accepted
	Requests    int64 // requests received
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
	s := &Server{data: data, wantBody: AppendTriggerBody(nil, data)}
	s.ln = &countingListener{Listener: ln, n: &s.conns}
	s.srv = &fasthttp.Server{
		Handler:                       s.handle,
		Name:                          "loadharness",
		ReadTimeout:                   30 * time.Second,
		WriteTimeout:                  30 * time.Second,
		IdleTimeout:                   2 * time.Minute,
		DisableHeaderNamesNormalizing: true,
		NoDefaultDate:                 true,
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
		SigFailures: s.sigFailures.Load(),
		BadRequests: s.badRequests.Load(),
	}
}

// Close stops the Server and closes its connections.
func (s *Server) Close() error { return s.srv.Shutdown() }

// verifier knows the one app's key.
var verifier = signcheck.Verifier{
	Secret:  func(key string) (string, bool) { return Secret, key == Key },
	Now:     time.Now,
	MaxSkew: maxSkew,
}

// handle answers a trigger with 200 {} once it has checked the signature
// over the path and query exactly as received, then the method, path and
// body.
func (s *Server) handle(ctx *fasthttp.RequestCtx) {
	s.requests.Add(1)
	uri := ctx.URI()
	path := uri.PathOriginal()
	body := ctx.PostBody()
	err := verifier.Verify(string(ctx.Method()), string(path), string(uri.QueryString()), body)
	if err != nil {
		s.sigFailures.Add(1)
		ctx.SetStatusCode(fasthttp.StatusUnauthorized)
		ctx.SetBodyString(`{"error":"` + err.Error() + `"}`)
		return
	}
	if !ctx.IsPost() || string(path) != EventsPath || !s.isWantedBody(body) {
		s.badRequests.Add(1)
		ctx.SetStatusCode(fasthttp.StatusBadRequest)
		ctx.SetBodyString(`{"error":"not the expected trigger"}`)
		return
	}
	ctx.SetContentType("application/json")
	ctx.SetBodyString("{}")
}

// isWantedBody reports whether body is the expected trigger: byte for byte
// (the usual case), or as JSON with the same members.
func (s *Server) isWantedBody(body []byte) bool {
	if bytes.Equal(body, s.wantBody) {
		return true
	}
	var got struct {
		Name     string   `json:"name"`
		Channels []string `json:"channels"`
		Data     *string  `json:"data"`
	}
	if json.Unmarshal(body, &got) != nil || got.Data == nil {
		return false
	}
	return got.Name == Event && slices.Equal(got.Channels, []string{Channel}) && *got.Data == s.data
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
