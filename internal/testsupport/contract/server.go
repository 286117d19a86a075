package contract

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"time"
)

const (
	// callTimeout bounds a call a check expects to succeed.
	callTimeout = 5 * time.Second
	// promptness is how long after its ctx ends a call may take to return.
	promptness = time.Second
	// holdDeadline is the deadline given to calls the server never answers.
	holdDeadline = 200 * time.Millisecond
)

// errPanicked is wrapped by the errors of calls that panicked.
var errPanicked = errors.New("panicked")

// testServer is an httptest server on 127.0.0.1 that counts its requests
// and can hold them until it is closed.
type testServer struct {
	*httptest.Server
	requests  atomic.Int64
	release   chan struct{}
	closeOnce sync.Once
}

func startServer(h func(s *testServer, w http.ResponseWriter, r *http.Request)) *testServer {
	s := &testServer{release: make(chan struct{})}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.requests.Add(1)
		h(s, w, r)
	}))
	return s
}

// Close releases held requests and stops the server; it may be called
// more than once.
func (s *testServer) Close() {
	s.closeOnce.Do(func() {
		close(s.release)
		s.Server.Close()
	})
}

// hold blocks until the client goes away or the server closes.
func (s *testServer) hold(r *http.Request) {
	select {
	case <-r.Context().Done():
	case <-s.release:
	}
}
