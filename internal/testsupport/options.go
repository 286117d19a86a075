package testsupport

import "time"

// Default limits, as documented for the multi-tenant clusters.
const (
	DefaultMaxDataBytes   = 10240
	DefaultMaxChannels    = 100
	DefaultMaxBatchEvents = 10
	DefaultMaxSkew        = 600 * time.Second
	// MaxNameLength bounds channel and event names.
	MaxNameLength = 200
)

type config struct {
	app            App
	extraKeys      map[string]string
	maxSkew        time.Duration
	now            func() time.Time
	maxDataBytes   int
	maxChannels    int
	maxBatchEvents int
	tls            bool
	idempotencyTTL time.Duration // WithIdempotencyKeys
}

func defaultConfig() config {
	return config{
		app:            DefaultApp(),
		extraKeys:      map[string]string{},
		maxSkew:        DefaultMaxSkew,
		now:            time.Now,
		maxDataBytes:   DefaultMaxDataBytes,
		maxChannels:    DefaultMaxChannels,
		maxBatchEvents: DefaultMaxBatchEvents,
	}
}

// Option configures a Server.
type Option func(*config)

// WithApp serves app instead of DefaultApp().
func WithApp(app App) Option { return func(c *config) { c.app = app } }

// WithExtraKey makes the app also accept requests signed with key and
// secret, as during a key rotation.
func WithExtraKey(key, secret string) Option {
	return func(c *config) { c.extraKeys[key] = secret }
}

// WithMaxSkew sets how far auth_timestamp may be from the fake's clock
// (DefaultMaxSkew unless set); d <= 0 disables the check.
func WithMaxSkew(d time.Duration) Option { return func(c *config) { c.maxSkew = d } }

// WithClock sets the fake's clock, used for the timestamp check and
// SignedURL.
func WithClock(now func() time.Time) Option { return func(c *config) { c.now = now } }

// WithLimits sets the data size limit (bytes), the channels-per-trigger
// limit and the events-per-batch limit. A value <= 0 keeps the default.
func WithLimits(maxDataBytes, maxChannels, maxBatchEvents int) Option {
	return func(c *config) {
		if maxDataBytes > 0 {
			c.maxDataBytes = maxDataBytes
		}
		if maxChannels > 0 {
			c.maxChannels = maxChannels
		}
		if maxBatchEvents > 0 {
			c.maxBatchEvents = maxBatchEvents
		}
	}
}

// WithTLS serves HTTPS with a self-signed certificate; see Server.Client
// and Server.ClientTLSConfig.
func WithTLS() Option { return func(c *config) { c.tls = true } }
