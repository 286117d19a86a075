package testsupport

import (
	"crypto/tls"
	"crypto/x509"
	"maps"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/go-pusher/channels/signing"
)

// Server is a running fake Channels API on 127.0.0.1. It is safe for
// concurrent use. Close it when done.
type Server struct {
	cfg    config
	st     *state
	h      *handler
	ts     *httptest.Server
	signer *signing.Signer
}

// NewServer starts a fake on 127.0.0.1 on a free port. Like httptest, it
// panics if it cannot listen.
func NewServer(opts ...Option) *Server {
	cfg := defaultConfig()
	for _, o := range opts {
		o(&cfg)
	}
	cfg.extraKeys = maps.Clone(cfg.extraKeys)
	st := newState()
	h := &handler{cfg: cfg, st: st, keys: newIdempotencyKeys(cfg.idempotencyTTL)}
	ts := httptest.NewUnstartedServer(h)
	if cfg.tls {
		ts.StartTLS()
	} else {
		ts.Start()
	}
	return &Server{cfg: cfg, st: st, h: h, ts: ts, signer: signing.NewSigner(cfg.app.Key, cfg.app.Secret)}
}

// URL is the base URL, e.g. "http://127.0.0.1:41234" (https with WithTLS).
func (s *Server) URL() string { return s.ts.URL }

// Host is the "127.0.0.1:port" the fake listens on.
func (s *Server) Host() string {
	_, host, _ := strings.Cut(s.ts.URL, "://")
	return host
}

// App returns the app the fake serves.
func (s *Server) App() App { return s.cfg.app }

// Close stops the server and waits for in-flight requests.
func (s *Server) Close() { s.ts.Close() }

// Handler returns the fake as an http.Handler sharing this Server's state,
// e.g. to mount it elsewhere or drive it with httptest.NewRecorder.
func (s *Server) Handler() http.Handler { return s.h }

// Client returns an *http.Client that trusts the fake (needed with
// WithTLS) and is closed with it.
func (s *Server) Client() *http.Client { return s.ts.Client() }

// ClientTLSConfig returns a client TLS config that trusts the fake's
// certificate, or nil without WithTLS.
func (s *Server) ClientTLSConfig() *tls.Config {
	if !s.cfg.tls {
		return nil
	}
	pool := x509.NewCertPool()
	pool.AddCert(s.ts.Certificate())
	return &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
}

// SignedURL returns URL()+path+"?"+query, the query signed for the
// default app at the fake's current time.
func (s *Server) SignedURL(method, path string, params []signing.Param, body []byte) string {
	dst := []byte(s.ts.URL + path + "?")
	return string(s.signer.AppendQuery(dst, method, path, params, body, s.cfg.now().Unix()))
}

// SignWebhook returns the headers Channels sends with a webhook body for
// the default app: X-Pusher-Key, X-Pusher-Signature and Content-Type.
func (s *Server) SignWebhook(body []byte) http.Header {
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	h.Set("X-Pusher-Key", s.cfg.app.Key)
	h.Set("X-Pusher-Signature", s.signer.WebhookSignature(body))
	return h
}

// Events returns every accepted event, one per channel, in order.
func (s *Server) Events() []RecordedEvent { return s.st.snapshotEvents() }

// Requests returns every request received, in order, with the status
// answered.
func (s *Server) Requests() []RecordedRequest { return s.st.snapshotRequests() }

// TerminatedUsers returns the user ids of every terminate_connections call.
func (s *Server) TerminatedUsers() []string { return s.st.snapshotTerminated() }

// Subscribe adds socketID to channel. m names the user; it is required for
// presence- channels and optional elsewhere (it ties the socket to a user
// for TerminateUserConnections). It fails on an invalid channel name or
// socket id.
func (s *Server) Subscribe(channel, socketID string, m *Member) error {
	return s.st.subscribe(channel, socketID, m)
}

// Unsubscribe removes socketID from channel; unknown ones are ignored.
func (s *Server) Unsubscribe(channel, socketID string) { s.st.unsubscribe(channel, socketID) }

// QueueResponse makes the fake answer the next authenticated request with
// status and body instead of serving it (requests failing authentication
// are still answered 401 and do not consume it). Queued answers are used
// in order. A body starting with '{' is sent as application/json.
func (s *Server) QueueResponse(status int, body string) {
	r := reply{status: status, contentType: "text/plain; charset=utf-8", body: []byte(body)}
	if strings.HasPrefix(body, "{") {
		r.contentType = "application/json"
	}
	s.st.queue(r)
}

// Reset forgets all records, occupancy and queued responses.
func (s *Server) Reset() { s.st.reset() }
