package transporttest

import (
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"time"
)

// maxHang is the longest a hanging handler holds a request before giving up
// on its own; the server's Close releases it much sooner.
const maxHang = 10 * time.Second

// testServer is an HTTP/1.1 httptest server on 127.0.0.1 that counts the
// connections it accepts and the requests it receives, and can hold requests
// until it is closed.
type testServer struct {
	*httptest.Server
	newConns  atomic.Int64
	requests  atomic.Int64
	release   chan struct{}
	closeOnce sync.Once
}

// startServer starts a testServer whose requests go to h.
func startServer(h func(s *testServer, w http.ResponseWriter, r *http.Request)) *testServer {
	s := &testServer{release: make(chan struct{})}
	s.Server = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.requests.Add(1)
		h(s, w, r)
	}))
	s.Config.ConnState = func(_ net.Conn, state http.ConnState) {
		if state == http.StateNew {
			s.newConns.Add(1)
		}
	}
	// Some checks reset connections or send malformed requests on purpose.
	s.Config.ErrorLog = log.New(io.Discard, "", 0)
	s.Start()
	return s
}

// Close releases every held request and shuts the server down, waiting for
// its handlers to return. It may be called more than once.
func (s *testServer) Close() {
	s.closeOnce.Do(func() {
		close(s.release)
		s.Server.Close()
	})
}

// hold blocks until the client goes away, the server closes, or maxHang.
func (s *testServer) hold(r *http.Request) {
	timer := time.NewTimer(maxHang)
	defer timer.Stop()
	select {
	case <-r.Context().Done():
	case <-s.release:
	case <-timer.C:
	}
}

// resetConnection aborts the connection under r with a TCP RST: no status
// line, no body.
func resetConnection(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		http.Error(w, "hijacking not supported", http.StatusInternalServerError)
		return
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		return
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}

// closedAddress returns a 127.0.0.1 address nothing listens on.
func closedAddress() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	addr := ln.Addr().String()
	return addr, ln.Close()
}
