package pusher

import (
	"io"
	"log/slog"
	"net/http"
	"reflect"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-pusher/channels/crypto"
	"github.com/go-pusher/channels/domain"
	"github.com/go-pusher/channels/internal/fastpath"
	"github.com/go-pusher/channels/signing"
	"github.com/go-pusher/channels/transport"
)

// Client talks to one Channels app. Build it with New, FromURL or FromEnv;
// it is immutable afterwards and safe for concurrent use. Printing it (%v,
// %+v, %#v, slog, reflective dumps such as testify's diffs) never shows the
// secret or the master key. Every method of a nil or zero Client returns
// ErrNilClient; Close releases the connections of the default transport.
type Client struct {
	appID   string
	signer  *signing.Signer
	baseURL string // scheme://host[:port]
	appPath string // [base path]/apps/{id}
	paths   appPaths

	doer     transport.Doer
	ownsDoer bool          // doer is the default one New built, Close's to release
	closed   atomic.Bool   // set by Close
	reuser   fastpath.Doer // doer, when it has the fast path
	codec    JSONCodec
	now      func() time.Time
	random   io.Reader
	logger   *slog.Logger
	timeout  time.Duration
	limits   domain.Limits
	retry    *RetryPolicy

	keysGenerated bool // every trigger without a key gets one
	retryKeyed    bool // keyed POSTs are retried as idempotent

	masterKey *crypto.MasterKey

	webhookSigners map[string][]*signing.Signer // by app key; the app's own first
	webhookMaxAge  time.Duration

	headers   requestHeaders
	scratches sync.Pool // *callScratch, one per call
	realClock bool      // now is time.Now, so send's own reading of it can sign
}

// appPaths are the fixed endpoint paths of one app, built once.
type appPaths struct {
	events   string
	batch    string
	channels string
}

// newAppPaths builds the endpoint paths below appPath.
func newAppPaths(appPath string) appPaths {
	return appPaths{
		events:   appPath + "/events",
		batch:    appPath + "/batch_events",
		channels: appPath + "/channels",
	}
}

// requestHeaders are built once per client and shared by its requests: the
// transport contract forbids a Doer to modify a Request. Each is prepared
// for the fast path (fastpath.Header), which keeps them in its own form.
type requestHeaders struct {
	get  *fastpath.Header
	json *fastpath.Header
}

// New returns a client for the app with the given id, key and secret,
// configured by opts. It checks everything it can up front: a bad option,
// an app id with a character a URL path segment cannot carry unescaped
// (see domain.ValidateAppID), a key or secret that domain.ValidateAppKey or
// domain.ValidateAppSecret refuses (a key holding ':', a secret with a
// trailing newline) or a malformed master key is a *ConfigError here, not
// a failure on the first call.
func New(appID, key, secret string, opts ...Option) (*Client, error) {
	cfg := defaultConfig()
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(&cfg); err != nil {
			return nil, err
		}
	}
	return newClient(appID, key, secret, cfg)
}

// newClient validates the credentials and cfg and builds the client.
func newClient(appID, key, secret string, cfg config) (*Client, error) {
	if err := domain.ValidateAppID(appID); err != nil {
		return nil, &ConfigError{Field: "app_id", Reason: "want one or more of a-z A-Z 0-9 - _ . ~", Err: err}
	}
	if err := checkCredentials(key, secret); err != nil {
		return nil, err
	}
	if err := cfg.limits.Validate(); err != nil {
		return nil, &ConfigError{Field: "limits", Reason: "every limit must be at least 1", Err: err}
	}
	masterKey, err := cfg.masterKey()
	if err != nil {
		return nil, &ConfigError{Field: "encryption_master_key", Err: err}
	}
	c := &Client{
		appID:         appID,
		signer:        signing.NewSigner(key, secret),
		baseURL:       cfg.scheme() + "://" + cfg.hostName(),
		appPath:       cfg.basePath() + "/apps/" + appID,
		paths:         newAppPaths(cfg.basePath() + "/apps/" + appID),
		doer:          cfg.doer,
		codec:         cfg.codec,
		now:           cfg.now,
		random:        cfg.random,
		logger:        cfg.logger,
		timeout:       cfg.timeout,
		limits:        cfg.limits,
		retry:         cfg.retry,
		masterKey:     masterKey,
		webhookMaxAge: cfg.webhookMaxAge,
		keysGenerated: cfg.keysGenerated,
		retryKeyed:    retriesKeyedCalls(&cfg),
	}
	if c.doer == nil {
		c.doer, c.ownsDoer = defaultDoer(), true
	}
	c.reuser, _ = c.doer.(fastpath.Doer)
	c.webhookSigners = map[string][]*signing.Signer{key: {c.signer}}
	for _, cred := range cfg.webhookCredentials {
		c.webhookSigners[cred.key] = append(c.webhookSigners[cred.key], signing.NewSigner(cred.key, cred.secret))
	}
	c.headers = requestHeaders{
		get:  fastpath.NewHeader(http.Header{"User-Agent": {userAgent}, "X-Pusher-Library": {libraryName}}),
		json: fastpath.NewHeader(http.Header{"User-Agent": {userAgent}, "X-Pusher-Library": {libraryName}, "Content-Type": {"application/json"}}),
	}
	c.scratches.New = newScratch
	c.realClock = reflect.ValueOf(c.now).Pointer() == reflect.ValueOf(time.Now).Pointer()
	return c, nil
}

// checkCredentials checks an app key and secret by domain's rules; the
// *ConfigError's Field is "key" or "secret" and it never quotes the secret.
func checkCredentials(key, secret string) *ConfigError {
	if err := domain.ValidateAppKey(key); err != nil {
		return &ConfigError{Field: "key", Reason: reasonOf(err), Err: err}
	}
	if err := domain.ValidateAppSecret(secret); err != nil {
		return &ConfigError{Field: "secret", Reason: reasonOf(err), Err: err}
	}
	return nil
}

// reasonOf words a *ValidationError's reason and detail, without the
// value it quotes.
func reasonOf(err error) string {
	ve, ok := err.(*ValidationError)
	if !ok || ve.Reason == nil {
		return err.Error()
	}
	if ve.Detail == "" {
		return ve.Reason.Error()
	}
	return ve.Reason.Error() + ": " + ve.Detail
}

// usable returns ErrNilClient for a nil Client or one New did not build.
func (c *Client) usable() error {
	if c == nil || c.signer == nil {
		return ErrNilClient
	}
	return nil
}

// open is usable, and ErrClosed after Close: the check of every call that
// sends a request.
func (c *Client) open() error {
	if err := c.usable(); err != nil {
		return err
	}
	if c.closed.Load() {
		return ErrClosed
	}
	return nil
}

// Close releases what the client built itself: the idle connections of
// the default transport. A transport given with WithTransport stays the
// caller's to close. After Close every call that would send a request
// returns ErrClosed and sends nothing; the helpers that only sign or verify
// (AuthorizeChannel, AuthorizePresenceChannel, AuthenticateUser,
// SignedQuery, VerifyWebhook) keep working. Close calls already in flight
// first: a connection they return afterwards is closed only by the
// transport's idle timeout. Close may be called more than once.
func (c *Client) Close() error {
	if err := c.usable(); err != nil {
		return err
	}
	if c.closed.Swap(true) || !c.ownsDoer {
		return nil
	}
	if ic, ok := c.doer.(transport.IdleCloser); ok {
		ic.CloseIdleConnections()
	}
	return nil
}

// AppID returns the app id the client talks to ("" for a nil or zero Client).
func (c *Client) AppID() string {
	if c.usable() != nil {
		return ""
	}
	return c.appID
}

// Key returns the app key (public: pusher-js uses it too), "" for a nil or
// zero Client.
func (c *Client) Key() string {
	if c.usable() != nil {
		return ""
	}
	return c.signer.Key()
}

// String describes the client without its secret.
func (c *Client) String() string {
	switch {
	case c == nil:
		return "pusher.Client(nil)"
	case c.usable() != nil:
		return "pusher.Client(zero)"
	}
	return "pusher.Client{app: " + c.appID + ", key: " + c.signer.Key() + ", endpoint: " + c.endpointURL() + ", secret: [redacted]}"
}

// GoString is String, so %#v hides the secret too.
func (c *Client) GoString() string { return c.String() }

// LogValue renders the client for log/slog without its secret.
func (c *Client) LogValue() slog.Value {
	if c.usable() != nil {
		return slog.StringValue(c.String())
	}
	return slog.GroupValue(
		slog.String("app", c.appID),
		slog.String("key", c.signer.Key()),
		slog.String("endpoint", c.endpointURL()),
	)
}
