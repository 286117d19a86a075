package faults

import (
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-pusher/channels/internal/testsupport/signcheck"
)

// RedirectTarget is the path Redirect points to. The server counts the
// requests it receives (TargetHits) and answers them 200, so a client that
// follows a redirect is caught.
const RedirectTarget = "/redirect-target"

// maxHold is the longest a holding behaviour keeps a request on its own;
// the client going away or Close releases it much sooner.
const maxHold = 10 * time.Second

// Behaviour answers the n-th request (1-based) the server receives on an
// API path.
type Behaviour func(s *Server, w http.ResponseWriter, r *http.Request, n int)

// Attempt is one request the server received on an API path.
type Attempt struct {
	Method   string
	Path     string // as sent
	RawQuery string
	Body     []byte
	// At is when the request arrived.
	At time.Time
	// AuthTimestamp is the auth_timestamp parameter, or -1 if absent.
	AuthTimestamp int64
	// Signature is the auth_signature parameter.
	Signature string
	// SignatureOK says whether the request verified against the app's
	// secret (timestamps are not checked: tests move the clock).
	SignatureOK bool
}

// Server is a misbehaving HTTP/1.1 server on 127.0.0.1. It records every
// request, verifies its signature and answers it with its Behaviour. It is
// safe for concurrent use; Close it when done.
type Server struct {
	ts        *httptest.Server
	behave    Behaviour
	key       string
	secret    string
	mu        sync.Mutex
	attempts  []Attempt
	targets   atomic.Int64
	release   chan struct{}
	closeOnce sync.Once
}

// NewServer starts a server on 127.0.0.1 that checks signatures against key
// and secret and answers with b. Like httptest, it panics if it cannot
// listen.
func NewServer(key, secret string, b Behaviour) *Server {
	s := &Server{behave: b, key: key, secret: secret, release: make(chan struct{})}
	s.ts = httptest.NewUnstartedServer(http.HandlerFunc(s.serve))
	// Resets and garbage are the point: keep the server's complaints quiet.
	s.ts.Config.ErrorLog = log.New(io.Discard, "", 0)
	s.ts.Start()
	return s
}

// URL is the server's base URL, "http://127.0.0.1:port".
func (s *Server) URL() string { return s.ts.URL }

// Host is the server's "127.0.0.1:port".
func (s *Server) Host() string { return strings.TrimPrefix(s.ts.URL, "http://") }

// Close releases every held request, closes the server and waits for its
// handlers to return. It may be called more than once.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		close(s.release)
		s.ts.CloseClientConnections()
		s.ts.Close()
	})
}

// Attempts returns a copy of the requests received on API paths, in order.
func (s *Server) Attempts() []Attempt {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Attempt, len(s.attempts))
	copy(out, s.attempts)
	return out
}

// TargetHits is the number of requests to RedirectTarget.
func (s *Server) TargetHits() int { return int(s.targets.Load()) }

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == RedirectTarget {
		s.targets.Add(1)
		_, _ = io.WriteString(w, `{"channels":{}}`)
		return
	}
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	n := s.record(r, body)
	s.behave(s, w, r, n)
}

// record stores the request and returns its 1-based number.
func (s *Server) record(r *http.Request, body []byte) int {
	path, rawQuery, _ := strings.Cut(r.RequestURI, "?")
	a := Attempt{Method: r.Method, Path: path, RawQuery: rawQuery, Body: body, At: time.Now(), AuthTimestamp: -1}
	if q, err := url.ParseQuery(rawQuery); err == nil {
		a.Signature = q.Get("auth_signature")
		if ts, err := strconv.ParseInt(q.Get("auth_timestamp"), 10, 64); err == nil {
			a.AuthTimestamp = ts
		}
	}
	secretFor := func(key string) (string, bool) { return s.secret, key == s.key }
	a.SignatureOK = signcheck.Verifier{Secret: secretFor}.Verify(r.Method, path, rawQuery, body) == nil
	s.mu.Lock()
	defer s.mu.Unlock()
	s.attempts = append(s.attempts, a)
	return len(s.attempts)
}

// hold blocks until the client goes away, the server closes, or maxHold.
func (s *Server) hold(r *http.Request) {
	t := time.NewTimer(maxHold)
	defer t.Stop()
	select {
	case <-r.Context().Done():
	case <-s.release:
	case <-t.C:
	}
}

// ClosedAddress returns a "127.0.0.1:port" nothing listens on: a
// connection to it is refused.
func ClosedAddress() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	addr := ln.Addr().String()
	return addr, ln.Close()
}
