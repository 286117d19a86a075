//go:build linux

package interop

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// checkSockets confirms, from /proc, that process pid alone has the ports
// it was given and keeps to the loopback:
//   - it listens on 127.0.0.1:port for every port in tcpPorts (only when
//     listening is true: before the server is up it may not yet), and no
//     other process listens on any of them (uWebSockets listens with SO_REUSEPORT,
//     so a second server on the same port would not fail: the kernel would
//     split the connections between the two);
//   - no other process has a UDP socket on any port in udpPorts;
//   - every UDP socket it has is bound to 127.0.0.1 (soketi's discovery
//     must never broadcast beyond the loopback).
func checkSockets(pid int, tcpPorts, udpPorts []int, listening bool) error {
	var tcp, udp []procSocket
	for _, table := range []struct {
		path string
		into *[]procSocket
	}{
		{"/proc/net/tcp", &tcp}, {"/proc/net/tcp6", &tcp},
		{"/proc/net/udp", &udp}, {"/proc/net/udp6", &udp},
	} {
		rows, err := readSocketTable(table.path)
		if err != nil && !os.IsNotExist(err) {
			return err
		}
		*table.into = append(*table.into, rows...)
	}
	// Read the process's sockets after the tables: a socket it opened in
	// between must not pass for someone else's.
	owned, err := socketInodes(pid)
	if err != nil {
		return err
	}
	if err := checkSocketTables(owned, tcp, udp, tcpPorts, udpPorts, listening); err != nil {
		return fmt.Errorf("interop: process %d %w", pid, err)
	}
	return nil
}

// tcpListen is the state /proc/net/tcp gives a listening socket.
const tcpListen = "0A"

// loopbackHex is 127.0.0.1 as /proc/net/{tcp,udp} print it.
const loopbackHex = "0100007F"

// checkSocketTables is checkSockets on tables already read: owned holds
// the process's socket inodes.
func checkSocketTables(owned map[string]bool, tcp, udp []procSocket, tcpPorts, udpPorts []int, listening bool) error {
	for _, port := range tcpPorts {
		mine := false
		for _, s := range tcp {
			if s.state != tcpListen || s.port() != port {
				continue
			}
			if !owned[s.inode] {
				return fmt.Errorf("shares TCP port %d with another process (%s): %w", port, s.local, errPortTaken)
			}
			if s.local == fmt.Sprintf("%s:%04X", loopbackHex, port) {
				mine = true
			}
		}
		if listening && !mine {
			return fmt.Errorf("does not listen on 127.0.0.1:%d", port)
		}
	}
	for _, s := range udp {
		if owned[s.inode] {
			if !strings.HasPrefix(s.local, loopbackHex+":") {
				return fmt.Errorf("has a UDP socket on %s, not on 127.0.0.1", s.local)
			}
			continue
		}
		for _, port := range udpPorts {
			if s.port() == port {
				return fmt.Errorf("shares UDP port %d with another process (%s): %w", port, s.local, errPortTaken)
			}
		}
	}
	return nil
}

// procSocket is one row of a /proc/net/{tcp,udp}[6] table.
type procSocket struct {
	local string // hex "ADDR:PORT" as the kernel prints it
	state string // hex state; 0A is LISTEN for TCP
	inode string
}

// port returns the local port, or -1 when the row is malformed.
func (s procSocket) port() int {
	i := strings.LastIndexByte(s.local, ':')
	if i < 0 {
		return -1
	}
	p, err := strconv.ParseUint(s.local[i+1:], 16, 16)
	if err != nil {
		return -1
	}
	return int(p)
}

// readSocketTable parses a /proc/net socket table.
func readSocketTable(path string) ([]procSocket, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var rows []procSocket
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 10 {
			continue
		}
		rows = append(rows, procSocket{local: fields[1], state: fields[3], inode: fields[9]})
	}
	return rows, sc.Err()
}

// socketInodes returns the inodes of the sockets process pid has open.
func socketInodes(pid int) (map[string]bool, error) {
	dir := filepath.Join("/proc", strconv.Itoa(pid), "fd")
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("interop: list sockets of process %d: %w", pid, err)
	}
	inodes := make(map[string]bool)
	for _, e := range entries {
		target, err := os.Readlink(filepath.Join(dir, e.Name()))
		if err != nil {
			continue // closed meanwhile
		}
		if inode, ok := strings.CutPrefix(target, "socket:["); ok {
			inodes[strings.TrimSuffix(inode, "]")] = true
		}
	}
	return inodes, nil
}
