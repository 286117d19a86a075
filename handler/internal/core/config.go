// Package core is the transport-free logic shared by the net/http and
// fasthttp handlers: it turns an auth request (pusher-js's channel
// authorization and user authentication) or a webhook delivery into a
// Reply, so each adapter only wraps its request and writes the Reply.
package core

import (
	"errors"
	"fmt"
	"log/slog"

	"github.com/go-pusher/channels/handler/dedupe"
	"github.com/go-pusher/channels/pusher"
)

// Sentinels a callback returns (wrapped or not) to refuse a request, and the
// one a constructor's error matches. The public packages re-export them.
var (
	ErrDenied          = errors.New("handler: denied")
	ErrUnauthenticated = errors.New("handler: unauthenticated")
	ErrConfig          = errors.New("handler: bad configuration")
)

// Config is what the public packages' options set. Zero values mean the
// defaults.
type Config struct {
	MaxBodyBytes int64
	Logger       *slog.Logger
	// Dedupe, for a webhook receiver, is where deliveries are claimed.
	Dedupe dedupe.Store
}

// Endpoint names, for New and the logs.
const (
	ChannelEndpoint = "channel_authorization"
	UserEndpoint    = "user_authentication"
	WebhookEndpoint = "webhook"
)

// Option sets part of a Config. The public packages declare their Option
// as a type with this underlying type, which users cannot look into.
type Option struct{ apply func(*Config) error }

// NewOption is the Option that runs apply.
func NewOption(apply func(*Config) error) Option { return Option{apply: apply} }

// Endpoint holds what every request of one handler needs. It is immutable
// and safe for concurrent use.
type Endpoint struct {
	client  *pusher.Client
	name    string // for logs
	maxBody int64
	log     *slog.Logger
	dedupe  dedupe.Store // nil: every delivery is handed over
}

// New builds the endpoint called name from c and opts (in order; a zero
// Option is skipped), with defaultMax as the body cap unless an option sets one.
func New[O ~struct{ apply func(*Config) error }](name string, c *pusher.Client, defaultMax int64, opts []O) (*Endpoint, error) {
	if c == nil {
		return nil, fmt.Errorf("%w: nil *pusher.Client", ErrConfig)
	}
	var cfg Config
	for _, o := range opts {
		if apply := Option(o).apply; apply != nil {
			if err := apply(&cfg); err != nil {
				return nil, err
			}
		}
	}
	switch {
	case cfg.Dedupe == nil:
	case name != WebhookEndpoint:
		return nil, fmt.Errorf("%w: deduplication is for webhook receivers only", ErrConfig)
	case isNilPointer(cfg.Dedupe): // a constructor's error ignored, most likely
		return nil, fmt.Errorf("%w: deduplication store is a nil %T", ErrConfig, cfg.Dedupe)
	case cfg.Dedupe.Lease() <= 0: // a zero redisdedupe.Store, say
		return nil, fmt.Errorf("%w: deduplication store %T is unusable (lease %v): make it with its constructor", ErrConfig, cfg.Dedupe, cfg.Dedupe.Lease())
	}
	e := &Endpoint{client: c, name: name, maxBody: cfg.MaxBodyBytes, log: cfg.Logger, dedupe: cfg.Dedupe}
	if e.maxBody == 0 {
		e.maxBody = defaultMax
	}
	if e.log == nil {
		e.log = slog.New(slog.DiscardHandler)
	}
	return e, nil
}
