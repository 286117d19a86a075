package redisdedupe_test

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"
)

// skipEnv, set to any value, skips the Redis tests on a machine without
// redis-server; otherwise a missing redis-server fails them (CI installs
// it, as scripts/setup.sh does).
const skipEnv = "PUSHER_TEST_SKIP_REDIS"

// redisServer is a redis-server the test started on 127.0.0.1, without
// persistence, stopped when the test ends. Stop and Start let a test take
// it away and bring it back on the same port.
type redisServer struct {
	t    testing.TB
	path string
	port int
	dir  string

	mu   sync.Mutex
	cmd  *exec.Cmd
	done chan struct{}
}

// startRedis starts a redis-server on a free port.
func startRedis(t testing.TB) *redisServer {
	t.Helper()
	path, err := exec.LookPath("redis-server")
	if err != nil {
		if os.Getenv(skipEnv) != "" {
			t.Skipf("redis-server not installed and %s is set", skipEnv)
		}
		t.Fatalf("redis-server not found (%v): install it (Debian: apt-get install redis-server; scripts/setup.sh does it), or set %s=1 to skip these tests", err, skipEnv)
	}
	s := &redisServer{t: t, path: path, dir: t.TempDir()}
	t.Cleanup(s.Stop)
	var err2 error
	for range 3 { // another process may take the free port before redis does
		s.port = freePort(t)
		if err2 = s.start(); err2 == nil {
			return s
		}
	}
	t.Fatalf("redis-server did not start: %v\n%s", err2, s.output())
	return nil
}

// Addr is the server's host:port.
func (s *redisServer) Addr() string { return "127.0.0.1:" + strconv.Itoa(s.port) }

// Start starts the server again on its port, with no data.
func (s *redisServer) Start() {
	s.t.Helper()
	if err := s.start(); err != nil {
		s.t.Fatalf("restart redis-server: %v\n%s", err, s.output())
	}
}

// Stop stops the server and waits for it to exit.
func (s *redisServer) Stop() {
	s.mu.Lock()
	cmd, done := s.cmd, s.done
	s.cmd = nil
	s.mu.Unlock()
	if cmd == nil {
		return
	}
	_ = cmd.Process.Kill()
	<-done
}

func (s *redisServer) start() error {
	cmd := exec.Command(s.path, "--port", strconv.Itoa(s.port), "--bind", "127.0.0.1",
		"--save", "", "--appendonly", "no", "--dir", s.dir, "--logfile", s.logFile())
	if err := cmd.Start(); err != nil {
		return err
	}
	done := make(chan struct{})
	go func() {
		_ = cmd.Wait()
		close(done)
	}()
	s.mu.Lock()
	s.cmd, s.done = cmd, done
	s.mu.Unlock()
	deadline := time.Now().Add(5 * time.Second)
	for {
		if ping(s.Addr()) == nil {
			return nil
		}
		select {
		case <-done:
			s.mu.Lock()
			s.cmd = nil
			s.mu.Unlock()
			return fmt.Errorf("redis-server exited on port %d", s.port)
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			s.Stop()
			return fmt.Errorf("redis-server on port %d not answering PING", s.port)
		}
	}
}

// logFile is where the server logs.
func (s *redisServer) logFile() string { return filepath.Join(s.dir, "redis.log") }

// output is what the server logged.
func (s *redisServer) output() string {
	b, _ := os.ReadFile(s.logFile())
	return string(b)
}

// ping sends PING to addr and wants PONG.
func ping(addr string) error {
	conn, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
	if err != nil {
		return err
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(500 * time.Millisecond))
	if _, err := conn.Write([]byte("PING\r\n")); err != nil {
		return err
	}
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		return err
	}
	if line != "+PONG\r\n" {
		return fmt.Errorf("PING answered %q", line)
	}
	return nil
}

// freePort is a port nothing listens on at the moment.
func freePort(t testing.TB) int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}
