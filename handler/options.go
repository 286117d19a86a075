package handler

import (
	"fmt"
	"log/slog"

	"github.com/go-pusher/channels/handler/dedupe"
	"github.com/go-pusher/channels/handler/internal/core"
)

// Default body caps; a larger body is answered 413.
const (
	// DefaultMaxAuthBodyBytes caps the body of an auth request: pusher-js
	// sends a socket id, a channel name of at most 200 bytes and whatever
	// params the app configured.
	DefaultMaxAuthBodyBytes = 8 << 10
	// DefaultMaxWebhookBodyBytes caps the body of a webhook delivery.
	DefaultMaxWebhookBodyBytes = 1 << 20
)

// Option configures a handler at construction; the With functions make
// them. The same options configure the handlers of package handler/fasthttp.
// As everywhere in this module, a nil value given to an option means the
// default, and a wrong value makes the constructor fail with ErrConfig.
type Option core.Option

// option wraps apply as an Option.
func option(apply func(*core.Config) error) Option { return Option(core.NewOption(apply)) }

// WithMaxBodyBytes caps the request body at n bytes (n > 0); a larger body
// is answered 413 without being read further.
func WithMaxBodyBytes(n int64) Option {
	return option(func(c *core.Config) error {
		if n <= 0 {
			return fmt.Errorf("%w: max body bytes must be positive", ErrConfig)
		}
		c.MaxBodyBytes = n
		return nil
	})
}

// WithLogger logs every refused or failed request to l: 4xx at debug level;
// a webhook that fails verification and a webhook event that cannot be
// decrypted at warn level; 5xx at error level. Records carry the endpoint,
// status, reason, channel name and cause; never an auth value, a
// signature, a body, event data or a secret. nil (the default) logs nothing.
func WithLogger(l *slog.Logger) Option {
	return option(func(c *core.Config) error {
		c.Logger = l
		return nil
	})
}

// WithDeduplication makes a webhook receiver call its callback at most
// once per delivery across every receiver sharing store, and never twice
// at the same time (package handler/dedupe states the exact guarantee): an
// authentic delivery is claimed in the store before the callback runs, the
// claim is renewed while it runs, marked done when it succeeded and
// released when it failed, so the service's retry is processed. If the
// claim is lost mid-run, the callback's ctx is cancelled with cause
// dedupe.ErrClaimLost. A copy that arrives while another receiver holds
// the claim is answered 409, and one that arrives while the store cannot
// be reached (or a dedupe.Memory is full of running claims) 503: the
// service retries both later, so nothing is lost. A nil store (the
// default) hands every delivery to the callback; a nil pointer of a store
// type, or a store its constructor did not make, is an ErrConfig. Only
// NewWebhookReceiver takes it; the auth endpoints refuse it.
func WithDeduplication(store dedupe.Store) Option {
	return option(func(c *core.Config) error {
		c.Dedupe = store
		return nil
	})
}
