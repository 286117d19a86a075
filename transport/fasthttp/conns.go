package fasthttp

import (
	"errors"
	"net"
	"sync"

	"github.com/valyala/fasthttp"
)

// errClosed is what dialling fails with once the Doer is closed.
var errClosed = errors.New(adapterName + ": Doer closed")

// connSet holds every connection the Doer's own client has open, so that
// Close can end calls fasthttp cannot interrupt: a call whose ctx was
// cancelled keeps its connection until an answer or its deadline comes.
type connSet struct {
	mu     sync.Mutex
	conns  map[*trackedConn]struct{}
	closed bool
}

// dial wraps dial so that every connection it opens joins s.
func (s *connSet) dial(dial fasthttp.DialFunc) fasthttp.DialFunc {
	return func(addr string) (net.Conn, error) {
		conn, err := dial(addr)
		if err != nil {
			return nil, err
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.closed {
			_ = conn.Close()
			return nil, errClosed
		}
		if s.conns == nil {
			s.conns = make(map[*trackedConn]struct{})
		}
		tc := &trackedConn{Conn: conn, set: s}
		s.conns[tc] = struct{}{}
		return tc, nil
	}
}

// close closes every connection in s and refuses new ones.
func (s *connSet) close() {
	s.mu.Lock()
	s.closed = true
	conns := s.conns
	s.conns = nil
	s.mu.Unlock()
	for c := range conns {
		_ = c.Conn.Close()
	}
}

// trackedConn is a connection that leaves its connSet when closed.
type trackedConn struct {
	net.Conn
	set *connSet
}

// Close closes the connection and forgets it.
func (c *trackedConn) Close() error {
	c.set.mu.Lock()
	delete(c.set.conns, c)
	c.set.mu.Unlock()
	return c.Conn.Close()
}
