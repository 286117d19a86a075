package load

import (
	"context"
	"strings"
)

// Client is one way of sending the harness's trigger: the SDK on one
// transport, or a raw client written by hand.
type Client struct {
	// Name identifies the client in the table, e.g. "sdk/fasthttp".
	Name string
	// Baseline names the raw client this one is compared with; empty for
	// the raw clients themselves.
	Baseline string
	// NewWorker returns a function that sends one trigger, for one
	// goroutine: raw clients keep their scratch buffers in it.
	NewWorker func() Trigger
	// Close releases the client's idle connections.
	Close func()
}

// Trigger sends one trigger and reports whether it was accepted.
type Trigger func(ctx context.Context) error

// redact cuts everything from the first '?' of an error text, so a signed
// query never reaches the terminal.
func redact(err error) string {
	s := err.Error()
	if i := strings.IndexByte(s, '?'); i >= 0 {
		return s[:i] + "?[query redacted]"
	}
	return s
}
