package pushertest

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"

	"github.com/go-pusher/channels/crypto"
	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/transport/nethttp"
)

// Server is a running fake Channels API on 127.0.0.1. It is safe for
// concurrent use. Close it when done.
type Server struct {
	cfg       config
	st        *state
	h         *handler
	ts        *httptest.Server
	closing   chan struct{}
	closeOnce sync.Once
}

// NewServer starts a fake on 127.0.0.1 on a free port. Like httptest, it
// panics if it cannot listen; it also panics on an invalid
// WithEncryptionMasterKeyBase64 key.
func NewServer(opts ...Option) *Server {
	cfg := defaultConfig()
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	var key *crypto.MasterKey
	if cfg.masterKey != "" {
		k, err := crypto.ParseMasterKey(cfg.masterKey)
		if err != nil {
			panic("pushertest: WithEncryptionMasterKeyBase64: " + err.Error())
		}
		key = k
	}
	s := &Server{cfg: cfg, st: newState(), closing: make(chan struct{})}
	s.h = newHandler(cfg, s.st, key, s.closing)
	s.ts = httptest.NewUnstartedServer(s.h)
	if cfg.tls {
		s.ts.StartTLS()
	} else {
		s.ts.Start()
	}
	return s
}

// Close stops the server, ending any WithLatency wait, and waits for
// in-flight requests. It may be called more than once.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		close(s.closing)
		s.ts.Close()
	})
}

// URL is the base URL, e.g. "http://127.0.0.1:41234" (https with WithTLS).
func (s *Server) URL() string { return s.ts.URL }

// Host is the "127.0.0.1:port" the fake listens on, for pusher.WithHost.
func (s *Server) Host() string {
	_, host, _ := strings.Cut(s.ts.URL, "://")
	return host
}

// App returns the app the fake serves.
func (s *Server) App() App { return s.cfg.app }

// PusherURL is the app's URL in the form pusher.FromURL and PUSHER_URL
// take: "http://key:secret@127.0.0.1:port/apps/1". With WithTLS it is
// https, and a client needs HTTPClient's trust to use it.
func (s *Server) PusherURL() string {
	u, _ := url.Parse(s.ts.URL) // httptest's own URL
	u.User = url.UserPassword(s.cfg.app.Key, s.cfg.app.Secret)
	u.Path = "/apps/" + s.cfg.app.ID
	return u.String()
}

// Client returns a *pusher.Client for the fake's app, pointed at it: its
// host, plain http (or, with WithTLS, a transport that trusts the fake's
// certificate), the fake's master key and clock when it has them. opts
// come after these and may override them. The error is pusher.New's.
func (s *Server) Client(opts ...pusher.Option) (*pusher.Client, error) {
	base := []pusher.Option{pusher.WithHost(s.Host())}
	if s.cfg.tls {
		base = append(base, pusher.WithTransport(nethttp.New(nethttp.WithHTTPClient(s.ts.Client()))))
	} else {
		base = append(base, pusher.WithTLS(false))
	}
	if s.cfg.masterKey != "" {
		base = append(base, pusher.WithEncryptionMasterKeyBase64(s.cfg.masterKey))
	}
	if s.cfg.clockSet {
		base = append(base, pusher.WithClock(s.cfg.now))
	}
	app := s.cfg.app
	return pusher.New(app.ID, app.Key, app.Secret, append(base, opts...)...)
}

// HTTPClient returns an *http.Client that trusts the fake (needed with
// WithTLS), for a transport of one's own; it is closed with the Server.
func (s *Server) HTTPClient() *http.Client { return s.ts.Client() }

// Events returns every accepted event, one per channel, in order.
func (s *Server) Events() []Event { return s.st.snapshotEvents() }

// Requests returns every request received, in order, with whether its
// signature verified and the status answered.
func (s *Server) Requests() []Request { return s.st.snapshotRequests() }

// TerminatedUsers returns the user ids of every terminate_connections call.
func (s *Server) TerminatedUsers() []string { return s.st.snapshotTerminated() }

// Subscribe adds socketID to channel. member names the user; it is
// required for presence- channels and optional elsewhere (it ties the
// socket to a user for TerminateUserConnections). It fails on an invalid
// channel name, socket id or member.
func (s *Server) Subscribe(channel, socketID string, member *pusher.Member) error {
	return s.st.subscribe(channel, socketID, member)
}

// Unsubscribe removes socketID from channel; unknown ones are ignored.
func (s *Server) Unsubscribe(channel, socketID string) { s.st.unsubscribe(channel, socketID) }

// QueueResponse makes the fake answer the next authenticated request with
// status and body instead of serving it (requests failing authentication
// are still answered 401 and do not consume it), e.g. a 503, or the HTTP
// 200 {"error":…,"code":…} of soketi. Queued answers are used in order. A
// body starting with '{' is sent as application/json.
func (s *Server) QueueResponse(status int, body string) {
	r := reply{status: status, contentType: "text/plain; charset=utf-8", body: []byte(body)}
	if strings.HasPrefix(body, "{") {
		r.contentType = "application/json"
	}
	s.st.queue(r)
}

// Reset forgets all records, occupancy, queued responses and idempotency
// keys.
func (s *Server) Reset() {
	s.st.reset()
	s.h.keys.reset()
}
