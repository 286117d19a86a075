package pusher_test

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/pushertest"
	"github.com/go-pusher/channels/transport"
)

// Credentials and values of Pusher's published worked examples ("HTTP API
// reference" and "Authentication and authorization signatures").
const (
	docAppID  = "3"
	docKey    = "278d425bdf160c739803"
	docSecret = "7ad3773142a6692b25b8"
	docTime   = 1353088179
	docSocket = "1234.1234"
)

// testMasterKeyB64 is the base64 of the 32 bytes 0x00..0x1f.
const testMasterKeyB64 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="

// newFake starts a fake Channels server closed when the test ends.
func newFake(t *testing.T, opts ...pushertest.Option) *pushertest.Server {
	t.Helper()
	srv := pushertest.NewServer(opts...)
	t.Cleanup(srv.Close)
	return srv
}

// newFakeClient returns a client for srv's app sending through d (the
// default transport if d is nil), then applying opts.
func newFakeClient(t *testing.T, srv *pushertest.Server, d transport.Doer, opts ...pusher.Option) *pusher.Client {
	t.Helper()
	if d != nil {
		opts = append([]pusher.Option{pusher.WithTransport(d)}, opts...)
	}
	c, err := srv.Client(opts...)
	if err != nil {
		t.Fatalf("pusher.New: %v", err)
	}
	return c
}

// captured is one request a recordingDoer saw, copied out of the
// client's buffers (which the transport contract lets it reuse).
type captured struct {
	Method string
	URL    string
	Header http.Header
	Body   []byte
}

// Path is the request's path as sent.
func (c captured) Path() string {
	rest := c.URL[strings.Index(c.URL, "://")+3:]
	rest = rest[strings.IndexByte(rest, '/'):]
	if i := strings.IndexByte(rest, '?'); i >= 0 {
		rest = rest[:i]
	}
	return rest
}

// RawQuery is the request's query as sent.
func (c captured) RawQuery() string {
	_, q, _ := strings.Cut(c.URL, "?")
	return q
}

// Query is the request's query, parsed.
func (c captured) Query(t *testing.T) url.Values {
	t.Helper()
	v, err := url.ParseQuery(c.RawQuery())
	if err != nil {
		t.Fatalf("query %q: %v", c.RawQuery(), err)
	}
	return v
}

// recordingDoer records every request and answers with respond (by
// default a 200 with body "{}"). It is safe for concurrent use.
type recordingDoer struct {
	mu      sync.Mutex
	reqs    []captured
	calls   atomic.Int64
	respond func(n int, req captured) (*transport.Response, error)
}

// Do records req and answers it.
func (d *recordingDoer) Do(ctx context.Context, req *transport.Request) (*transport.Response, error) {
	c := captured{Method: req.Method, URL: req.URL, Header: req.Header.Clone(), Body: bytes.Clone(req.Body)}
	n := int(d.calls.Add(1))
	d.mu.Lock()
	d.reqs = append(d.reqs, c)
	d.mu.Unlock()
	if d.respond != nil {
		return d.respond(n, c)
	}
	return okResponse("{}"), nil
}

// Requests returns a copy of what was recorded.
func (d *recordingDoer) Requests() []captured {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]captured(nil), d.reqs...)
}

// Calls is how many times Do was called.
func (d *recordingDoer) Calls() int { return int(d.calls.Load()) }

// Last returns the last request, failing the test if there was none.
func (d *recordingDoer) Last(t *testing.T) captured {
	t.Helper()
	reqs := d.Requests()
	if len(reqs) == 0 {
		t.Fatal("no request was sent")
	}
	return reqs[len(reqs)-1]
}

// okResponse is a 200 with body.
func okResponse(body string) *transport.Response {
	return &transport.Response{StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}}, Body: []byte(body)}
}

// newRecordingClient returns a client for app 1 / key / secret that sends
// through a recordingDoer, then applying opts.
func newRecordingClient(t *testing.T, opts ...pusher.Option) (*pusher.Client, *recordingDoer) {
	t.Helper()
	d := &recordingDoer{}
	base := []pusher.Option{pusher.WithTransport(d), pusher.WithHost("127.0.0.1:1"), pusher.WithTLS(false)}
	c, err := pusher.New("1", "test-key", "test-secret", append(base, opts...)...)
	if err != nil {
		t.Fatalf("pusher.New: %v", err)
	}
	return c, d
}

// constReader is an endless source of one byte, for reproducible nonces.
type constReader byte

// Read fills p with the byte.
func (r constReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r)
	}
	return len(p), nil
}

// lastEvent returns the last event srv accepted, failing if none.
func lastEvent(t *testing.T, srv *pushertest.Server) pushertest.Event {
	t.Helper()
	evs := srv.Events()
	if len(evs) == 0 {
		t.Fatal("the fake accepted no event")
	}
	return evs[len(evs)-1]
}

// intp returns a pointer to n.
func intp(n int) *int { return &n }

// deref renders a count pointer for messages.
func deref(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}
