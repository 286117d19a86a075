//go:build !linux

package load

import (
	"errors"
	"net"
)

// loop is the Linux Server's epoll loop; elsewhere there is none.
type loop struct{}

func startLoop(*Server, *net.TCPListener, bool) (*loop, error) {
	return nil, errors.New("the load harness's server needs Linux (epoll)")
}

func (*loop) close() {}
