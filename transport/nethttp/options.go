package nethttp

import "net/http"

// Option configures a Doer built by New.
type Option func(*config)

type config struct {
	client       *http.Client
	maxBodyBytes int
}

// WithHTTPClient makes the Doer send through c instead of a client of its
// own, keeping c's transport, timeout and cookie jar. The Doer still never
// follows redirects: it uses a shallow copy of c whose CheckRedirect returns
// the 3xx response; c itself is not modified. A nil c is ignored.
func WithHTTPClient(c *http.Client) Option {
	return func(cfg *config) {
		if c != nil {
			cfg.client = c
		}
	}
}

// WithMaxBodyBytes caps the response body at n bytes; a longer body is an
// error wrapping transport.ErrBodyTooLarge. n <= 0 means
// transport.DefaultMaxBodyBytes, which is also the default.
func WithMaxBodyBytes(n int) Option {
	return func(cfg *config) { cfg.maxBodyBytes = n }
}
