package faults_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-pusher/channels/internal/faults"
	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/transport"
	fasthttpdoer "github.com/go-pusher/channels/transport/fasthttp"
	nethttpdoer "github.com/go-pusher/channels/transport/nethttp"
	restydoer "github.com/go-pusher/channels/transport/resty"
)

// The app the suite talks to. The secret and master key are distinctive so
// that a leak into any text is found by a plain substring search.
const (
	appID  = "4242"
	appKey = "faults-key"
	// appSecret must never appear in an error, a log line or a printed value.
	appSecret = "s3cr3t-never-print-Zq9Xw"
	// masterKeyRaw is 32 bytes; it and its base64 must never appear either.
	masterKeyRaw = "master-key-never-leak-0123456789"
)

// masterKeyB64 is the standard base64 of masterKeyRaw.
func masterKeyB64() string { return base64.StdEncoding.EncodeToString([]byte(masterKeyRaw)) }

// bodyCap is the response body cap every adapter is built with here.
const bodyCap = 16 << 10

// transportKind names an adapter and builds a fresh one.
type transportKind struct {
	name  string
	build func() transport.Doer
}

// allTransports returns the three adapters, each with bodyCap and (for
// fasthttp, whose calls without a ctx deadline need one) a short timeout.
func allTransports() []transportKind {
	return []transportKind{
		{"nethttp", func() transport.Doer { return nethttpdoer.New(nethttpdoer.WithMaxBodyBytes(bodyCap)) }},
		{"resty", func() transport.Doer { return restydoer.New(restydoer.WithMaxBodyBytes(bodyCap)) }},
		{"fasthttp", func() transport.Doer {
			return fasthttpdoer.New(fasthttpdoer.WithMaxBodyBytes(bodyCap), fasthttpdoer.WithTimeout(3*time.Second))
		}},
	}
}

// spyDoer counts the attempts a client makes and keeps the auth_signature
// of each, so tests can look for them in errors and logs.
type spyDoer struct {
	next  transport.Doer
	calls atomic.Int64
	mu    sync.Mutex
	sigs  []string
}

func (s *spyDoer) Do(ctx context.Context, req *transport.Request) (*transport.Response, error) {
	s.calls.Add(1)
	if _, q, ok := strings.Cut(req.URL, "?"); ok {
		if v, err := url.ParseQuery(q); err == nil && v.Get("auth_signature") != "" {
			s.mu.Lock()
			s.sigs = append(s.sigs, v.Get("auth_signature"))
			s.mu.Unlock()
		}
	}
	return s.next.Do(ctx, req)
}

// signatures returns the auth_signature values the client computed.
func (s *spyDoer) signatures() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.sigs...)
}

// newSpy wraps a fresh adapter of kind tr and closes its idle connections
// when the test ends.
func newSpy(t *testing.T, tr transportKind) *spyDoer {
	t.Helper()
	d := tr.build()
	t.Cleanup(func() {
		if ic, ok := d.(transport.IdleCloser); ok {
			ic.CloseIdleConnections()
		}
	})
	return &spyDoer{next: d}
}

// stepClock returns a clock that moves step forward on every reading, so
// each attempt of a call is signed with a later auth_timestamp.
func stepClock(step time.Duration) func() time.Time {
	start := time.Now()
	var n atomic.Int64
	return func() time.Time { return start.Add(time.Duration(n.Add(1)-1) * step) }
}

// constBackoff waits d before every retry.
func constBackoff(d time.Duration) pusher.BackoffFunc { return func(int) time.Duration { return d } }

// logSink captures a client's log at debug level through a text and a JSON
// handler at once.
type logSink struct {
	mu   sync.Mutex
	text bytes.Buffer
	json bytes.Buffer
}

// lockedWriter serialises writes of several handlers into one buffer.
type lockedWriter struct {
	mu  *sync.Mutex
	buf *bytes.Buffer
}

func (w lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.Write(p)
}

// logger returns a debug-level logger writing to both buffers.
func (l *logSink) logger() *slog.Logger {
	opts := &slog.HandlerOptions{Level: slog.LevelDebug}
	return slog.New(slog.NewMultiHandler(
		slog.NewTextHandler(lockedWriter{&l.mu, &l.text}, opts),
		slog.NewJSONHandler(lockedWriter{&l.mu, &l.json}, opts),
	))
}

// String returns everything logged so far.
func (l *logSink) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.text.String() + l.json.String()
}

// newClient builds a client for srv's host (or host when srv is nil)
// sending through d, with the step clock, a debug logger into logs, the
// master key and a 2 s timeout, then opts.
func newClient(t *testing.T, host string, d transport.Doer, logs *logSink, opts ...pusher.Option) *pusher.Client {
	t.Helper()
	base := []pusher.Option{
		pusher.WithHost(host),
		pusher.WithTLS(false),
		pusher.WithTransport(d),
		pusher.WithClock(stepClock(time.Second)),
		pusher.WithTimeout(2 * time.Second),
		pusher.WithEncryptionMasterKeyBase64(masterKeyB64()),
	}
	if logs != nil {
		base = append(base, pusher.WithLogger(logs.logger()))
	}
	c, err := pusher.New(appID, appKey, appSecret, append(base, opts...)...)
	if err != nil {
		t.Fatalf("pusher.New: %v", err)
	}
	return c
}

// newServer starts a fault server closed when the test ends.
func newServer(t *testing.T, b faults.Behaviour) *faults.Server {
	t.Helper()
	s := faults.NewServer(appKey, appSecret, b)
	t.Cleanup(s.Close)
	return s
}
