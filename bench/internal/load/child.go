package load

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
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

// ServerStats are a Child's counters and CPU time at one moment.
type ServerStats struct {
	Counts
	CPU time.Duration
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
	if _, err := fmt.Sscanf(line, "stats %d %d %d %d %d", &st.Conns, &st.Requests, &st.SigFailures, &st.BadRequests, &cpuNs); err != nil {
		return ServerStats{}, fmt.Errorf("server child answered %q: %w", line, err)
	}
	st.CPU = time.Duration(cpuNs)
	return st, nil
}

// GC has the child collect its garbage and waits until it has, so that
// garbage another client left behind is not collected on the next one's
// time.
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
