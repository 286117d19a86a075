package load

import (
	"bufio"
	"fmt"
	"io"
	"runtime"
	"strings"
)

// Serve runs the Server as the harness's child process: it prints
// "listening <addr>" on out, then answers each "stats" line read from in
// with one "stats ..." line of counters and its own CPU time and each "gc"
// line, after a garbage collection, with "gc", and returns when in ends or
// says "quit".
func Serve(in io.Reader, out io.Writer, data string) error {
	s, err := Listen(data)
	if err != nil {
		return err
	}
	defer func() { _ = s.Close() }()
	if _, err := fmt.Fprintf(out, "listening %s\n", s.Addr()); err != nil {
		return err
	}
	sc := bufio.NewScanner(in)
	for sc.Scan() {
		switch strings.TrimSpace(sc.Text()) {
		case "stats":
			c := s.Counts()
			if _, err := fmt.Fprintf(out, "stats %d %d %d %d %d\n",
				c.Conns, c.Requests, c.SigFailures, c.BadRequests, ProcessCPU().Nanoseconds()); err != nil {
				return err
			}
		case "gc":
			runtime.GC()
			if _, err := fmt.Fprintln(out, "gc"); err != nil {
				return err
			}
		case "quit":
			return nil
		}
	}
	return sc.Err()
}
