//go:build e2e

package e2e

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/go-pusher/channels/internal/interop"
)

// TestCLIListen runs the built pusher binary against soketi: listen on a
// public, a private, a presence and an encrypted channel receives what
// pusher trigger sends (the encrypted one decrypted with the master key),
// and SIGINT ends listen with status 0 and no process left.
func TestCLIListen(t *testing.T) {
	t.Parallel()
	bin := buildCLI(t)
	s := interop.StartSoketi(t, interop.SoketiConfig{AppID: "4242"}) // digits: the client checks app ids
	env := append(os.Environ(),
		"PUSHER_URL="+fmt.Sprintf("http://%s:%s@%s/apps/%s", s.Key(), s.Secret(), s.Host(), s.AppID()),
		"PUSHER_ENCRYPTION_MASTER_KEY_BASE64="+newMasterKey(t),
	)
	channels := []string{"cli-public", "private-cli", "presence-cli", "private-encrypted-cli"}

	l := startListen(t, bin, env, append(channels, "--json", "--user-id", "ops")...)
	for _, ch := range channels {
		l.waitStderr(t, "pusher: subscribed to "+ch+map[bool]string{true: ", members: ops"}[ch == "presence-cli"])
	}
	out, err := cliCommand(t, bin, env, "users", "presence-cli", "--json").CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != `{"users":[{"id":"ops"}]}` {
		t.Errorf("pusher users presence-cli --json: %v\n%s\nwant the listener's user ops", err, out)
	}
	for i, ch := range channels {
		data := fmt.Sprintf(`{"n":%d,"text":"to %s"}`, i, ch)
		out, err := cliCommand(t, bin, env, "trigger", ch, "cli-event", data).CombinedOutput()
		if err != nil {
			t.Fatalf("pusher trigger %s: %v\n%s", ch, err, out)
		}
		got := l.waitEvent(t, ch, "cli-event")
		if got.Data != data {
			t.Errorf("listen on %s got data %q, want %q", ch, got.Data, data)
		}
	}

	if err := l.cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatalf("SIGINT: %v", err)
	}
	select {
	case <-l.exited:
	case <-time.After(10 * time.Second):
		t.Fatalf("listen still running 10s after SIGINT; stderr:\n%s", l.stderrText())
	}
	if code := l.cmd.ProcessState.ExitCode(); code != 0 {
		t.Errorf("listen exited with status %d after SIGINT, want 0; stderr:\n%s", code, l.stderrText())
	}
	if left := childrenRunning(t, bin); len(left) > 0 {
		t.Errorf("processes left after listen exited: %v", left)
	}
}

// buildCLI builds cmd/pusher into a temporary directory.
func buildCLI(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "pusher")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/pusher")
	cmd.Dir = interop.RepoRoot(t)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/pusher: %v\n%s", err, out)
	}
	return bin
}

// cliCommand is the binary run with args, bounded by the test's life.
func cliCommand(t *testing.T, bin string, env []string, args ...string) *exec.Cmd {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = env
	return cmd
}

// listenProc is a running "pusher listen" and what it printed.
type listenProc struct {
	cmd    *exec.Cmd
	events chan listenEvent
	exited chan struct{}

	mu     sync.Mutex
	stderr []string
	seen   chan struct{} // closed and replaced on each stderr line
}

// listenEvent is one line of listen --json.
type listenEvent struct {
	Channel string `json:"channel"`
	Event   string `json:"event"`
	Data    string `json:"data"`
	UserID  string `json:"user_id"`
}

func startListen(t *testing.T, bin string, env []string, args ...string) *listenProc {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"listen"}, args...)...)
	cmd.Env = env
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start pusher listen: %v", err)
	}
	l := &listenProc{cmd: cmd, events: make(chan listenEvent, 64), exited: make(chan struct{}), seen: make(chan struct{})}
	var readers sync.WaitGroup
	readers.Add(2)
	go func() {
		defer readers.Done()
		l.readEvents(t, stdout)
	}()
	go func() {
		defer readers.Done()
		l.readStderr(stderr)
	}()
	go func() {
		readers.Wait()
		_ = cmd.Wait()
		close(l.exited)
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-l.exited
	})
	return l
}

func (l *listenProc) readEvents(t *testing.T, r io.Reader) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		var e listenEvent
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Errorf("listen --json printed a line that is not JSON: %q", sc.Text())
			continue
		}
		l.events <- e
	}
}

func (l *listenProc) readStderr(r io.Reader) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		l.mu.Lock()
		l.stderr = append(l.stderr, sc.Text())
		close(l.seen)
		l.seen = make(chan struct{})
		l.mu.Unlock()
	}
}

func (l *listenProc) stderrText() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.stderr, "\n")
}

// waitStderr waits until listen printed line on stderr.
func (l *listenProc) waitStderr(t *testing.T, line string) {
	t.Helper()
	deadline := time.After(waitTimeout)
	for {
		l.mu.Lock()
		found, seen := slices.Contains(l.stderr, line), l.seen
		l.mu.Unlock()
		if found {
			return
		}
		select {
		case <-seen:
		case <-l.exited:
			t.Fatalf("listen exited before printing %q; stderr:\n%s", line, l.stderrText())
		case <-deadline:
			t.Fatalf("listen did not print %q within %v; stderr:\n%s", line, waitTimeout, l.stderrText())
		}
	}
}

// waitEvent waits for event on channel, skipping other events.
func (l *listenProc) waitEvent(t *testing.T, channel, event string) listenEvent {
	t.Helper()
	deadline := time.After(waitTimeout)
	for {
		select {
		case e := <-l.events:
			if e.Channel == channel && e.Event == event {
				return e
			}
		case <-deadline:
			t.Fatalf("listen printed no %s on %s within %v; stderr:\n%s", event, channel, waitTimeout, l.stderrText())
		}
	}
}

// childrenRunning lists this process's live children running bin.
func childrenRunning(t *testing.T, bin string) []string {
	t.Helper()
	all, err := runningChildren()
	if err != nil {
		t.Fatalf("listing children: %v", err)
	}
	var left []string
	for _, p := range all {
		if strings.Contains(p, bin) {
			left = append(left, p)
		}
	}
	return left
}
