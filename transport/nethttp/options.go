package nethttp

import "net/http"

// Option configures a Doer built by New. Options follow the module's rule:
// a nil value means the default. New cannot fail, so no value is wrong:
// a size or duration of zero or less means the default too.
type Option func(*config)

type config struct {
	client       *http.Client
	maxBodyBytes int
}

// WithHTTPClient makes the Doer send through c instead of a client of its
// own, keeping c's transport, timeout and cookie jar. The Doer still never
// follows redirects: it uses a shallow copy of c whose CheckRedirect returns
// the 3xx response; c itself is not modified.
// A nil c means the default, a client of the Doer's own.
func WithHTTPClient(c *http.Client) Option {
	return func(cfg *config) {
		cfg.client = c
	}
}

// WithMaxBodyBytes caps the response body at n bytes; a longer body is an
// error wrapping transport.ErrBodyTooLarge. n <= 0 means
// transport.DefaultMaxBodyBytes, which is also the default.
func WithMaxBodyBytes(n int) Option {
	return func(cfg *config) { cfg.maxBodyBytes = n }
}
