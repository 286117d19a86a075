package interop

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// DefaultReadyTimeout is how long StartSubscriber waits for the client to
// connect and settle its initial subscriptions and sign-in.
const DefaultReadyTimeout = 20 * time.Second

// subscriberGrace is how long Close lets the client disconnect on its own
// before its process group is killed.
const subscriberGrace = 2 * time.Second

// maxLineBytes bounds one stdout line of the subscriber.
const maxLineBytes = 4 << 20

// recentShown is how many recent messages a failure message lists.
const recentShown = 30

// SubscriberConfig configures StartSubscriber. Soketi.SubscriberConfig
// fills Key and Port.
type SubscriberConfig struct {
	Key  string // app key
	Port int    // soketi's port
	Host string // empty: 127.0.0.1
	// WSPath is the path prefix of the WebSocket endpoint (pusher-js's
	// wsPath), e.g. "/pusher" for a soketi with that PathPrefix.
	WSPath string

	// ChannelAuthURL and UserAuthURL are the endpoints pusher-js POSTs
	// socket_id and channel_name (or socket_id) to, form-encoded, usually
	// an httptest server of the test. AuthHeaders go with both requests.
	ChannelAuthURL string
	UserAuthURL    string
	AuthHeaders    map[string]string

	Channels []string // subscribed once connected
	SignIn   bool     // call pusher.signin() once connected
	Log      bool     // pusher-js log lines as "log" messages (otherwise to the process's stderr)

	// NoWait makes StartSubscriber return once the process runs. Otherwise
	// it waits until the client is connected, every one of Channels has
	// succeeded or failed, and (with SignIn) sign-in has failed or the
	// user's #server-to-user- channel is subscribed. Those messages stay in
	// the inbox for Next and WaitFor.
	NoWait       bool
	ReadyTimeout time.Duration // 0: DefaultReadyTimeout
}

// subscriberArgs is the config argument of subscriber.js.
type subscriberArgs struct {
	Key                 string            `json:"key"`
	WSHost              string            `json:"wsHost"`
	WSPort              int               `json:"wsPort"`
	WSPath              string            `json:"wsPath,omitempty"`
	Cluster             string            `json:"cluster"`
	ChannelAuthEndpoint string            `json:"channelAuthEndpoint,omitempty"`
	UserAuthEndpoint    string            `json:"userAuthEndpoint,omitempty"`
	AuthHeaders         map[string]string `json:"authHeaders,omitempty"`
	Channels            []string          `json:"channels"`
	SignIn              bool              `json:"signin"`
	Log                 bool              `json:"log"`
}

// Subscriber is a running pusher-js client (interop/subscriber.js). It
// collects everything the client reports as Messages, and sends it commands.
// It is safe for concurrent use; t.Cleanup closes it.
type Subscriber struct {
	proc       *child
	inbox      *inbox
	readerDone chan struct{}

	sendMu sync.Mutex
}

// StartSubscriber starts a pusher-js client configured by cfg and, unless
// cfg.NoWait, waits until its start has settled (see SubscriberConfig). It
// fails the test when the process cannot start or the wait times out.
func StartSubscriber(t testing.TB, cfg SubscriberConfig) *Subscriber {
	t.Helper()
	dir := InteropDir(t)
	if cfg.Key == "" || cfg.Port == 0 {
		t.Fatalf("interop: SubscriberConfig needs Key and Port (use Soketi.SubscriberConfig)")
	}
	if cfg.Host == "" {
		cfg.Host = "127.0.0.1"
	}
	if cfg.ReadyTimeout <= 0 {
		cfg.ReadyTimeout = DefaultReadyTimeout
	}
	arg, err := json.Marshal(subscriberArgs{
		Key: cfg.Key, WSHost: cfg.Host, WSPort: cfg.Port, WSPath: cfg.WSPath, Cluster: "interop",
		ChannelAuthEndpoint: cfg.ChannelAuthURL, UserAuthEndpoint: cfg.UserAuthURL,
		AuthHeaders: cfg.AuthHeaders, Channels: cfg.Channels, SignIn: cfg.SignIn, Log: cfg.Log,
	})
	if err != nil {
		t.Fatalf("interop: subscriber config: %v", err)
	}

	stdoutR, stdoutW, err := os.Pipe()
	if err != nil {
		t.Fatalf("interop: subscriber stdout: %v", err)
	}
	cmd := exec.Command("node", filepath.Join(dir, "subscriber.js"), string(arg))
	cmd.Dir = dir
	cmd.Env = childEnv()
	cmd.Stdout = stdoutW
	proc, err := startChild("subscriber", cmd)
	_ = stdoutW.Close() // the child has its copy; EOF comes when it exits
	if err != nil {
		_ = stdoutR.Close()
		t.Fatalf("%v", err)
	}
	s := &Subscriber{proc: proc, inbox: newInbox(), readerDone: make(chan struct{})}
	go s.read(stdoutR)
	t.Cleanup(func() {
		s.Close()
		if t.Failed() {
			t.Logf("--- subscriber %d ---\n%s", proc.cmd.Process.Pid, s.diagnostics())
		}
	})

	if !cfg.NoWait {
		if err := s.settle(cfg); err != nil {
			t.Fatalf("interop: subscriber did not settle: %v\n%s", err, s.diagnostics())
		}
	}
	return s
}

// read turns stdout lines into inbox messages until EOF.
func (s *Subscriber) read(r *os.File) {
	defer close(s.readerDone)
	defer s.inbox.close()
	defer r.Close()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxLineBytes)
	for sc.Scan() {
		s.inbox.add(parseMessage(sc.Bytes()))
	}
	if err := sc.Err(); err != nil {
		s.inbox.add(Message{Type: "error", Error: "interop: reading subscriber output: " + err.Error()})
	}
}

// settle waits, without taking them, for the messages that end the start.
func (s *Subscriber) settle(cfg SubscriberConfig) error {
	ctx, cancel := context.WithTimeout(context.Background(), cfg.ReadyTimeout)
	defer cancel()
	if _, err := s.inbox.wait(ctx, OfType("connected"), false); err != nil {
		return fmt.Errorf("waiting for connected: %w", err)
	}
	for _, ch := range cfg.Channels {
		if _, err := s.inbox.wait(ctx, SubscriptionOutcome(ch), false); err != nil {
			return fmt.Errorf("waiting for the subscription to %q: %w", ch, err)
		}
	}
	if cfg.SignIn {
		signin := func(m Message) bool { return m.Type == "signed_in" || m.Type == "signin_error" }
		m, err := s.inbox.wait(ctx, signin, false)
		if err != nil {
			return fmt.Errorf("waiting for sign-in: %w", err)
		}
		if m.Type == "signed_in" {
			var user struct {
				ID string `json:"id"`
			}
			if err := json.Unmarshal(m.User, &user); err != nil || user.ID == "" {
				return fmt.Errorf("signed_in without a user id: %s", m.Line)
			}
			if _, err := s.inbox.wait(ctx, SubscriptionOutcome("#server-to-user-"+user.ID), false); err != nil {
				return fmt.Errorf("waiting for #server-to-user-%s: %w", user.ID, err)
			}
		}
	}
	return nil
}

// SocketID returns the socket id of the latest connection, or "" before
// the first one.
func (s *Subscriber) SocketID() string {
	m, _ := s.inbox.last(OfType("connected"))
	return m.SocketID
}

// Next returns the first message match accepts that no earlier Next or
// WaitFor returned, waiting for it until ctx ends. Messages it passes over
// stay available. It returns ErrExited when the process has ended and no
// message left matches. match runs under the inbox lock: it must not call
// the Subscriber.
func (s *Subscriber) Next(ctx context.Context, match Match) (Message, error) {
	return s.inbox.wait(ctx, match, true)
}

// WaitFor is Next with a timeout that fails the test, showing the recent
// messages and the process's stderr.
func (s *Subscriber) WaitFor(t testing.TB, timeout time.Duration, match Match) Message {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	m, err := s.Next(ctx, match)
	if err != nil {
		t.Fatalf("interop: no matching subscriber message within %v: %v\n%s", timeout, err, s.diagnostics())
	}
	return m
}

// ExpectNone fails the test if a message match accepts, not yet taken,
// is there now or arrives within d. It takes nothing.
func (s *Subscriber) ExpectNone(t testing.TB, d time.Duration, match Match) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	m, err := s.inbox.wait(ctx, match, false)
	switch {
	case err == nil:
		t.Fatalf("interop: unexpected subscriber message: %s\n%s", m.Line, s.diagnostics())
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, ErrExited):
	default:
		t.Fatalf("interop: %v", err)
	}
}

// Messages returns every message so far, taken or not, in order.
func (s *Subscriber) Messages() []Message { return s.inbox.all() }

// Stderr returns the end of the process's stderr (pusher-js logs, crashes).
func (s *Subscriber) Stderr() string { return s.proc.output.String() }

// Send writes cmd as one JSON line to the client's stdin; see
// interop/subscriber.js for the commands. The helpers below cover them.
func (s *Subscriber) Send(cmd any) error {
	line, err := json.Marshal(cmd)
	if err != nil {
		return fmt.Errorf("interop: encode command: %w", err)
	}
	s.sendMu.Lock()
	defer s.sendMu.Unlock()
	if _, err := s.proc.stdin.Write(append(line, '\n')); err != nil {
		return fmt.Errorf("interop: send command: %w", err)
	}
	return nil
}

// Subscribe asks the client to subscribe to channel; wait for
// SubscriptionOutcome(channel) to see how it went.
func (s *Subscriber) Subscribe(channel string) error {
	return s.Send(map[string]string{"cmd": "subscribe", "channel": channel})
}

// Unsubscribe asks the client to unsubscribe from channel.
func (s *Subscriber) Unsubscribe(channel string) error {
	return s.Send(map[string]string{"cmd": "unsubscribe", "channel": channel})
}

// TriggerClient asks the client to trigger the client event on channel,
// which it must be subscribed to; a "triggered" message reports the result.
func (s *Subscriber) TriggerClient(channel, event string, data any) error {
	return s.Send(map[string]any{"cmd": "trigger_client", "channel": channel, "event": event, "data": data})
}

// SignIn asks the client to call pusher.signin().
func (s *Subscriber) SignIn() error { return s.Send(map[string]string{"cmd": "signin"}) }

// Disconnect asks the client to call pusher.disconnect().
func (s *Subscriber) Disconnect() error { return s.Send(map[string]string{"cmd": "disconnect"}) }

// Close ends the client: it closes stdin so pusher-js disconnects cleanly,
// then kills the process group if it is still there, and waits. It is
// idempotent and runs by itself at cleanup.
func (s *Subscriber) Close() {
	s.proc.stop(subscriberGrace)
	<-s.readerDone
}

// Exited reports whether the client process has ended.
func (s *Subscriber) Exited() bool { return s.proc.exited() }

// diagnostics lists the recent messages and the stderr tail.
func (s *Subscriber) diagnostics() string {
	msgs := s.inbox.all()
	var b strings.Builder
	if len(msgs) > recentShown {
		fmt.Fprintf(&b, "recent messages (last %d of %d):\n", recentShown, len(msgs))
		msgs = msgs[len(msgs)-recentShown:]
	} else {
		fmt.Fprintf(&b, "messages (%d):\n", len(msgs))
	}
	for _, m := range msgs {
		b.WriteString("  ")
		b.WriteString(m.Line)
		b.WriteByte('\n')
	}
	if s.proc.exited() {
		fmt.Fprintf(&b, "process: %v\n", s.proc.exitError())
	}
	b.WriteString("stderr:\n")
	b.WriteString(s.proc.output.String())
	return b.String()
}
