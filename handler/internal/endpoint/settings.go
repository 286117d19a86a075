package endpoint

import (
	"fmt"
	"log/slog"

	"github.com/go-pusher/channels/pusher"
)

// Default body caps.
const (
	// DefaultMaxAuthBodyBytes caps an auth request's body: pusher-js sends a
	// socket id, a channel name of at most 200 bytes and whatever extra
	// params the app configured.
	DefaultMaxAuthBodyBytes = 8 << 10
	// DefaultMaxWebhookBodyBytes caps a webhook delivery's body.
	DefaultMaxWebhookBodyBytes = 1 << 20
)

// Settings are what the options of the public packages set.
type Settings struct {
	// MaxBodyBytes caps the body; 0 means the endpoint's default.
	MaxBodyBytes int64
	// Logger receives one record per refused or failed request; nil logs nothing.
	Logger *slog.Logger
}

// Endpoint holds what every request of one handler needs: the client that
// signs and verifies, the body cap and the logger. It is immutable and safe
// for concurrent use.
type Endpoint struct {
	client  *pusher.Client
	maxBody int64
	log     *slog.Logger
	name    string
}

// New builds the endpoint called name (for logs) from c and s, using
// defaultMax when s sets no body cap.
func New(name string, c *pusher.Client, defaultMax int64, s Settings) (*Endpoint, error) {
	if c == nil {
		return nil, fmt.Errorf("%w: nil *pusher.Client", ErrConfig)
	}
	e := &Endpoint{client: c, maxBody: s.MaxBodyBytes, log: s.Logger, name: name}
	if e.maxBody == 0 {
		e.maxBody = defaultMax
	}
	if e.log == nil {
		e.log = slog.New(slog.DiscardHandler)
	}
	return e, nil
}

// MaxBodyBytes is the largest body the endpoint reads.
func (e *Endpoint) MaxBodyBytes() int64 { return e.maxBody }

// Apply applies opts in order to fresh settings; nil options are skipped.
// It is generic so that each public package keeps its own Option type.
func Apply[O ~func(*Settings) error](opts []O) (Settings, error) {
	var s Settings
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(&s); err != nil {
			return Settings{}, err
		}
	}
	return s, nil
}
