package handler

import (
	"fmt"
	"log/slog"

	"github.com/go-pusher/channels/handler/internal/endpoint"
)

// Default body caps; a larger body is answered 413.
const (
	// DefaultMaxAuthBodyBytes caps the body of an auth request (8 KiB).
	DefaultMaxAuthBodyBytes = endpoint.DefaultMaxAuthBodyBytes
	// DefaultMaxWebhookBodyBytes caps the body of a webhook delivery (1 MiB).
	DefaultMaxWebhookBodyBytes = endpoint.DefaultMaxWebhookBodyBytes
)

// Option configures a handler at construction. The same options configure
// the handlers of package handler/fasthttp.
type Option func(*endpoint.Settings) error

// WithMaxBodyBytes caps the request body at n bytes (n > 0); a larger body
// is answered 413 without being read further.
func WithMaxBodyBytes(n int64) Option {
	return func(s *endpoint.Settings) error {
		if n <= 0 {
			return fmt.Errorf("%w: max body bytes must be positive", ErrConfig)
		}
		s.MaxBodyBytes = n
		return nil
	}
}

// WithLogger logs every refused or failed request to l: 4xx at debug level,
// a webhook that fails verification at warn level, 5xx and dropped webhooks
// at error level. Records carry the endpoint, status, reason, channel name
// and cause; never an auth value, a signature, a body or a secret. The
// default logs nothing.
func WithLogger(l *slog.Logger) Option {
	return func(s *endpoint.Settings) error {
		if l == nil {
			return fmt.Errorf("%w: nil logger", ErrConfig)
		}
		s.Logger = l
		return nil
	}
}
