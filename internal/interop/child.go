package interop

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"
)

// outputTailBytes is how much of a child's output is kept for failure messages.
const outputTailBytes = 64 << 10

// waitDelay bounds how long Wait waits for a killed child's output pipes.
const waitDelay = 2 * time.Second

// child is a started process in its own process group whose standard input
// the harness holds open: the Node programs exit when it closes.
type child struct {
	name   string
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	output *tailBuffer // what the process wrote to stderr (and stdout, unless piped elsewhere)

	done    chan struct{} // closed once the process has exited and been reaped
	waitErr error         // set before done is closed

	stopOnce sync.Once
}

// startChild starts cmd as a child named name. cmd.Stdout may be set by the
// caller; when nil, stdout goes to the same tail buffer as stderr.
func startChild(name string, cmd *exec.Cmd) (*child, error) {
	c := &child{name: name, cmd: cmd, output: newTailBuffer(outputTailBytes), done: make(chan struct{})}
	cmd.Stderr = c.output
	if cmd.Stdout == nil {
		cmd.Stdout = c.output
	}
	cmd.WaitDelay = waitDelay
	setProcessGroup(cmd)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, fmt.Errorf("interop: %s stdin: %w", name, err)
	}
	c.stdin = stdin
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("interop: start %s: %w", name, err)
	}
	go func() {
		c.waitErr = cmd.Wait()
		close(c.done)
	}()
	return c, nil
}

// exited reports whether the process has ended.
func (c *child) exited() bool {
	select {
	case <-c.done:
		return true
	default:
		return false
	}
}

// exitError describes how the process ended; call it only after done.
func (c *child) exitError() error {
	if c.waitErr == nil {
		return fmt.Errorf("interop: %s exited", c.name)
	}
	return fmt.Errorf("interop: %s exited: %w", c.name, c.waitErr)
}

// stop closes stdin, gives the process grace to exit on its own, then kills
// its whole process group and waits for it. It is idempotent.
func (c *child) stop(grace time.Duration) {
	c.stopOnce.Do(func() {
		_ = c.stdin.Close()
		if grace > 0 {
			select {
			case <-c.done:
			case <-time.After(grace):
			}
		}
		// Kill the group even when the leader has gone: nothing it started
		// may outlive the test. An error only means nobody is left.
		_ = killProcessGroup(c.cmd.Process)
		<-c.done
	})
}

// childEnv returns this process's environment without variables that would
// reconfigure soketi behind the harness's back, plus extra.
func childEnv(extra ...string) []string {
	env := make([]string, 0, len(os.Environ())+len(extra))
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "SOKETI_") {
			continue
		}
		env = append(env, kv)
	}
	return append(env, extra...)
}
