//go:build linux

package interop

import (
	"errors"
	"net"
	"os"
	"strings"
	"testing"
)

func TestCheckSocketsOwnListener(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	port := l.Addr().(*net.TCPAddr).Port
	udp, err := net.ListenPacket("udp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer udp.Close()
	udpPort := udp.LocalAddr().(*net.UDPAddr).Port
	if err := checkSockets(os.Getpid(), []int{port}, []int{udpPort}, true); err != nil {
		t.Fatalf("own sockets not recognised: %v", err)
	}
	l.Close()
	if err := checkSockets(os.Getpid(), []int{port}, nil, true); err == nil {
		t.Fatal("a closed port passed as listening")
	}
}

func TestCheckSocketTables(t *testing.T) {
	// Port 6001 is 1771 in hex, 6002 is 1772, 11000 is 2AF8.
	listen := procSocket{local: "0100007F:1771", state: "0A", inode: "10"}
	metrics := procSocket{local: "0100007F:1772", state: "0A", inode: "14"}
	loopUDP := procSocket{local: "0100007F:2AF8", state: "07", inode: "11"}
	wildUDP := procSocket{local: "00000000:2AF8", state: "07", inode: "12"}
	wildUDP6 := procSocket{local: "00000000000000000000000000000000:2AF8", state: "07", inode: "13"}
	mine := map[string]bool{"10": true, "11": true, "12": true, "13": true, "14": true}
	ports, udpPorts := []int{6001, 6002}, []int{11000}
	tcp := []procSocket{listen, metrics}

	if err := checkSocketTables(mine, tcp, []procSocket{loopUDP}, ports, udpPorts, true); err != nil {
		t.Fatalf("loopback only: %v", err)
	}
	cases := []struct {
		name     string
		owned    map[string]bool
		tcp, udp []procSocket
		want     string
	}{
		{"listener of another process", map[string]bool{"14": true}, tcp, nil, "shares TCP port 6001"},
		{"second listener on the port (SO_REUSEPORT)", mine,
			append([]procSocket{{local: "0100007F:1771", state: "0A", inode: "99"}}, tcp...), nil, "shares TCP port 6001"},
		{"another process on the wildcard address", mine,
			append([]procSocket{{local: "00000000:1772", state: "0A", inode: "98"}}, tcp...), nil, "shares TCP port 6002"},
		{"established connection is no listener", mine,
			[]procSocket{{local: "0100007F:1771", state: "01", inode: "10"}, metrics}, nil, "does not listen on 127.0.0.1:6001"},
		{"missing port", mine, []procSocket{listen}, nil, "does not listen on 127.0.0.1:6002"},
		{"own wildcard UDP", mine, tcp, []procSocket{loopUDP, wildUDP}, "UDP socket on 00000000:2AF8"},
		{"own wildcard UDP6", mine, tcp, []procSocket{wildUDP6}, "UDP socket on 0000"},
		{"cluster port shared", map[string]bool{"10": true, "14": true}, tcp, []procSocket{loopUDP}, "shares UDP port 11000"},
	}
	for _, c := range cases {
		err := checkSocketTables(c.owned, c.tcp, c.udp, ports, udpPorts, true)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want %q", c.name, err, c.want)
		}
		if shared := strings.Contains(c.want, "shares"); shared != errors.Is(err, errPortTaken) {
			t.Errorf("%s: errors.Is(err, errPortTaken) = %v, want %v", c.name, !shared, shared)
		}
	}
	// Another process's UDP socket on an unrelated port is not ours to judge.
	other := procSocket{local: "00000000:0035", state: "07", inode: "50"}
	if err := checkSocketTables(mine, tcp, []procSocket{other}, ports, udpPorts, true); err != nil {
		t.Errorf("unrelated UDP socket counted: %v", err)
	}
	// Before the server is up, only someone else on its ports is an error.
	if err := checkSocketTables(mine, nil, nil, ports, udpPorts, false); err != nil {
		t.Errorf("not yet listening, no conflict: %v", err)
	}
	if err := checkSocketTables(mine, nil, []procSocket{{local: "0100007F:2AF8", inode: "77"}}, ports, udpPorts, false); err == nil {
		t.Error("a UDP port held by another process before start passed")
	}
	if p := (procSocket{local: "garbage"}).port(); p != -1 {
		t.Errorf("port of a malformed row = %d, want -1", p)
	}
}
