package interop

import (
	"fmt"
	"net"
)

// freeLoopbackPorts returns n distinct TCP ports on 127.0.0.1 that were
// free a moment ago. All n listeners are held until every port is chosen,
// so the ports differ from one another; another process may still take one
// before the caller binds it, which StartSoketi detects and retries.
func freeLoopbackPorts(n int) ([]int, error) {
	ports := make([]int, 0, n)
	listeners := make([]net.Listener, 0, n)
	defer func() {
		for _, l := range listeners {
			_ = l.Close()
		}
	}()
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, fmt.Errorf("interop: pick a free port: %w", err)
		}
		listeners = append(listeners, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}

// freeLoopbackUDPPort returns a UDP port on 127.0.0.1 that was free a
// moment ago.
func freeLoopbackUDPPort() (int, error) {
	c, err := net.ListenPacket("udp4", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("interop: pick a free UDP port: %w", err)
	}
	defer c.Close()
	return c.LocalAddr().(*net.UDPAddr).Port, nil
}
