package resty

import "github.com/go-resty/resty/v2"

// Option configures a Doer built by New. Options follow the module's rule:
// a nil value means the default. New cannot fail, so no value is wrong:
// a size or duration of zero or less means the default too.
type Option func(*config)

type config struct {
	client       *resty.Client
	maxBodyBytes int
}

// WithClient makes the Doer send through c, so c's request middleware,
// hooks, headers, proxy and transport keep working. New switches c's retries
// off (SetRetryCount(0)) and its redirects off (a redirect policy that
// returns the 3xx response): it changes c in place, so call it before c is
// in use and don't rely on c following redirects elsewhere. Because the Doer
// reads the raw body itself, c's OnAfterResponse middleware and result
// parsing do not run.
// A nil c means the default, a client of the Doer's own.
func WithClient(c *resty.Client) Option {
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
