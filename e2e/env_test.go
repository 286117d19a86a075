//go:build e2e

package e2e

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"testing"
	"time"

	"github.com/go-pusher/channels/internal/interop"
	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/transport"
	fasthttptransport "github.com/go-pusher/channels/transport/fasthttp"
	"github.com/go-pusher/channels/transport/nethttp"
	restytransport "github.com/go-pusher/channels/transport/resty"
)

// Timeouts of the suite. Every wait is for a message, with waitTimeout as
// its bound; quietWindow is only how long a negative check listens, and
// every negative check first waits for a later message that proves the
// subscriber was listening.
const (
	waitTimeout = 10 * time.Second
	callTimeout = 10 * time.Second
	quietWindow = 400 * time.Millisecond
)

// Credentials of the soketi of TestE2E and TestFastHTTPHandlers: a
// numeric app id as on Pusher's own service (deployments_test.go has the
// others). soketi parses env values as JSON, so key and secret stay
// non-numeric.
const (
	appID     = "4242"
	appKey    = "e2e-key"
	appSecret = "e2e-secret"
)

// userHeader names the user a subscriber acts as; the auth callbacks read
// it (pusher-js sends SubscriberConfig.AuthHeaders to both endpoints).
const userHeader = "X-E2e-User"

// transportCase is one transport.Doer the suite runs against soketi.
type transportCase struct {
	name string
	new  func() transport.Doer
}

// transports returns the three adapters, each freshly built.
func transports() []transportCase {
	return []transportCase{
		{"nethttp", func() transport.Doer { return nethttp.New() }},
		{"resty", func() transport.Doer { return restytransport.New() }},
		{"fasthttp", func() transport.Doer { return fasthttptransport.New() }},
	}
}

// servers mounts our handlers for a group: webhooks before soketi starts
// (soketi needs the URL), auth endpoints once the client exists.
type servers struct {
	name string
	// webhooks serves a webhook receiver built on c that records into
	// hooks, and returns its URL.
	webhooks func(t *testing.T, c *pusher.Client, hooks *hookLog) string
	// auth serves the channel authorizer at /auth/channel and the user
	// authenticator at /auth/user, built on c and recording into calls,
	// and returns the base URL.
	auth func(t *testing.T, c *pusher.Client, calls *authLog) string
}

// group is one soketi with our handlers mounted in front of it and a client
// on one transport: the checks of one transport share it.
type group struct {
	transport string
	dep       deployment // the app and how the server is mounted
	soketi    *interop.Soketi
	client    *pusher.Client // the client under test, on the group's transport
	newDoer   func() transport.Doer
	authURL   string
	auth      *authLog
	hooks     *hookLog
}

// startGroup starts soketi with webhooks to srv's receiver, builds the
// client on tc's transport and mounts srv's auth handlers. t.Cleanup stops
// everything, soketi before the servers it calls.
func startGroup(t *testing.T, tc transportCase, srv servers, dep deployment) *group {
	t.Helper()
	masterKey := newMasterKey(t)
	g := &group{transport: tc.name, dep: dep, newDoer: tc.new, auth: &authLog{}, hooks: newHookLog()}

	// The webhook receiver needs only the credentials, so its client
	// exists before soketi does; it never sends a request.
	hookClient, err := pusher.New(dep.appID, dep.key, dep.secret, pusher.WithEncryptionMasterKeyBase64(masterKey))
	if err != nil {
		t.Fatalf("webhook client: %v", err)
	}
	hookURL := srv.webhooks(t, hookClient, g.hooks)

	g.soketi = interop.StartSoketi(t, interop.SoketiConfig{
		AppID: dep.appID, Key: dep.key, Secret: dep.secret, PathPrefix: dep.pathPrefix, WebhookURL: hookURL,
	})
	t.Logf("soketi on %s ready in %v; transport %s; handlers %s", g.soketi.Host(), g.soketi.StartupTime(), tc.name, srv.name)

	g.client = g.newClient(t, dep.secret, pusher.WithEncryptionMasterKeyBase64(masterKey))
	g.authURL = srv.auth(t, g.client, g.auth)
	return g
}

// newClient returns a client for the group's soketi on a fresh Doer of the
// group's transport, signing with secret.
func (g *group) newClient(t *testing.T, secret string, opts ...pusher.Option) *pusher.Client {
	t.Helper()
	doer := g.newDoer()
	if ic, ok := doer.(transport.IdleCloser); ok {
		t.Cleanup(ic.CloseIdleConnections)
	}
	c, err := g.dep.connect(g.soketi, secret, append([]pusher.Option{pusher.WithTransport(doer)}, opts...))
	if err != nil {
		t.Fatalf("client for %s: %v", g.dep.name, err)
	}
	return c
}

// sub describes a pusher-js subscriber to start.
type sub struct {
	user     string // sent in userHeader; empty: anonymous
	signIn   bool
	channels []string
}

// subscriber starts a pusher-js client that authorizes through the group's
// handlers and waits until its subscriptions and sign-in have settled.
func (g *group) subscriber(t *testing.T, s sub) *interop.Subscriber {
	t.Helper()
	cfg := g.soketi.SubscriberConfig()
	cfg.ChannelAuthURL = g.authURL + "/auth/channel"
	cfg.UserAuthURL = g.authURL + "/auth/user"
	if s.user != "" {
		cfg.AuthHeaders = map[string]string{userHeader: s.user}
	}
	cfg.Channels = s.channels
	cfg.SignIn = s.signIn
	p := interop.StartSubscriber(t, cfg)
	if p.SocketID() == "" {
		t.Fatal("subscriber connected without a socket id")
	}
	return p
}

// callCtx returns a context bounded by callTimeout, cancelled at cleanup.
func callCtx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), callTimeout)
	t.Cleanup(cancel)
	return c
}

// newMasterKey returns a fresh random 32-byte master key in standard base64.
func newMasterKey(t *testing.T) string {
	t.Helper()
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		t.Fatalf("master key: %v", err)
	}
	return base64.StdEncoding.EncodeToString(key)
}

// statusWriter records the status a handler answered with.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(p)
}
