package load

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"time"
)

// Child is the Server running in a child process, so that the parent's
// CPU time is the clients' alone.
type Child struct {
	cmd  *exec.Cmd
	in   io.WriteCloser
	out  *bufio.Reader
	addr string
	mu   sync.Mutex
}

// ServerStats are a Child's counters and CPU time at one moment, and the
// latencies it saw since its last GC.
type ServerStats struct {
	Counts
	CPU     time.Duration
	Latency *Histogram
}

// Serve runs the Server (spinning if spin is set) as the harness's child
// process: it prints "listening <addr>" on out, then answers each "stats"
// line read from in with one "stats ..." line of counters, its CPU time
// (its Busy time when spinning: a spinning Server's CPU is all taken) and
// its latency histogram, and each "gc" line, after a garbage collection
// and emptying the histogram, with "gc"; it returns when in ends or says
// "quit".
func Serve(in io.Reader, out io.Writer, data string, spin bool) error {
	s, err := Listen(data, spin)
	if err != nil {
		return err
	}
	cpu := ProcessCPU
	if spin {
		cpu = s.Busy
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
			if _, err := fmt.Fprintf(out, "stats %d %d %d %d %d %d %s\n", c.Conns, c.Requests, c.Events,
				c.SigFailures, c.BadRequests, cpu().Nanoseconds(), s.Latency()); err != nil {
				return err
			}
		case "gc":
			runtime.GC()
			s.Latency().Reset()
			if _, err := fmt.Fprintln(out, "gc"); err != nil {
				return err
			}
		case "quit":
			return nil
		}
	}
	return sc.Err()
}

// StartChild starts argv (the harness binary with its serve flag, maybe
// under taskset) and waits for it to say where it listens.
func StartChild(argv []string, env []string) (*Child, error) {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	outPipe, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	c := &Child{cmd: cmd, in: in, out: bufio.NewReader(outPipe)}
	line, err := c.out.ReadString('\n')
	addr, ok := strings.CutPrefix(strings.TrimSpace(line), "listening ")
	if err != nil || !ok {
		c.Close()
		return nil, fmt.Errorf("server child did not start (read %q): %v", line, err)
	}
	c.addr = addr
	return c, nil
}

// Addr is where the child listens.
func (c *Child) Addr() string { return c.addr }

// Stats asks the child for its counters.
func (c *Child) Stats() (ServerStats, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, err := io.WriteString(c.in, "stats\n"); err != nil {
		return ServerStats{}, err
	}
	line, err := c.out.ReadString('\n')
	if err != nil {
		return ServerStats{}, err
	}
	var st ServerStats
	var cpuNs int64
	var hist string
	if _, err := fmt.Sscanf(line, "stats %d %d %d %d %d %d %s", &st.Conns, &st.Requests, &st.Events,
		&st.SigFailures, &st.BadRequests, &cpuNs, &hist); err != nil {
		return ServerStats{}, fmt.Errorf("server child answered %q: %w", line, err)
	}
	st.CPU = time.Duration(cpuNs)
	st.Latency, err = parseHistogram(hist)
	return st, err
}

// GC has the child collect its garbage and empty its latency histogram,
// and waits until it has, so that garbage another client left behind is
// not collected on the next one's time.
func (c *Child) GC() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, err := io.WriteString(c.in, "gc\n"); err != nil {
		return err
	}
	line, err := c.out.ReadString('\n')
	if err != nil {
		return err
	}
	if strings.TrimSpace(line) != "gc" {
		return fmt.Errorf("server child answered %q to gc", line)
	}
	return nil
}

// Close asks the child to quit and waits for it, killing it if it takes
// more than a few seconds.
func (c *Child) Close() {
	_, _ = io.WriteString(c.in, "quit\n")
	_ = c.in.Close()
	done := make(chan error, 1)
	go func() { done <- c.cmd.Wait() }()
	select {
	case err := <-done:
		var exit *exec.ExitError
		if err != nil && !errors.As(err, &exit) {
			fmt.Fprintln(os.Stderr, "server child:", err)
		}
	case <-time.After(5 * time.Second):
		_ = c.cmd.Process.Kill()
		<-done
	}
}
