package pushertest

import (
	"time"

	"github.com/go-pusher/channels/pusher"
)

// DefaultMaxSkew is how far auth_timestamp may be from the fake's clock
// unless WithMaxSkew says otherwise: the service's 600 seconds.
const DefaultMaxSkew = 600 * time.Second

// maxNameLength bounds channel and event names.
const maxNameLength = 200

type config struct {
	app       App
	extraKeys map[string]string
	maxSkew   time.Duration
	now       func() time.Time
	clockSet  bool
	limits    pusher.Limits
	tls       bool
	masterKey string // base64, "" for none
	latency   time.Duration
	idemTTL   time.Duration // 0: idempotency keys are not honoured
}

func defaultConfig() config {
	return config{
		app:       DefaultApp(),
		extraKeys: map[string]string{},
		maxSkew:   DefaultMaxSkew,
		now:       time.Now,
		limits:    pusher.DefaultLimits(),
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

// WithClock sets the fake's clock, used for the timestamp check and the
// time_ms of webhooks. Server.Client gives its clients the same clock.
func WithClock(now func() time.Time) Option {
	return func(c *config) {
		if now != nil {
			c.now, c.clockSet = now, true
		}
	}
}

// WithLimits sets the data size, channels-per-trigger and events-per-batch
// limits, as on a dedicated cluster; a zero field keeps the service's
// default (pusher.DefaultLimits).
func WithLimits(l pusher.Limits) Option {
	return func(c *config) {
		if l.MaxDataBytes > 0 {
			c.limits.MaxDataBytes = l.MaxDataBytes
		}
		if l.MaxChannelsPerTrigger > 0 {
			c.limits.MaxChannelsPerTrigger = l.MaxChannelsPerTrigger
		}
		if l.MaxEventsPerBatch > 0 {
			c.limits.MaxEventsPerBatch = l.MaxEventsPerBatch
		}
	}
}

// WithTLS serves HTTPS with a self-signed certificate; Server.Client and
// Server.HTTPClient trust it.
func WithTLS() Option { return func(c *config) { c.tls = true } }

// WithEncryptionMasterKeyBase64 gives the fake the app's end-to-end
// encryption master key (base64 of 32 bytes), which the service never has:
// events on private-encrypted- channels are then recorded decrypted (and a
// trigger whose data does not decrypt is refused with 400),
// NewWebhookRequest seals their client events, and Server.Client's clients
// encrypt with it. NewServer panics if the key is not valid.
func WithEncryptionMasterKeyBase64(key string) Option {
	return func(c *config) { c.masterKey = key }
}

// WithLatency makes the fake wait d before answering each request (the
// client going away or Close end the wait), so timeouts can be tested.
func WithLatency(d time.Duration) Option { return func(c *config) { c.latency = d } }
