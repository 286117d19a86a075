package fasthttp

import (
	"time"

	"github.com/valyala/fasthttp"

	"github.com/go-pusher/channels/transport"
)

// Defaults for the client New builds.
const (
	// DefaultMaxConnsPerHost caps the connections open to one host.
	DefaultMaxConnsPerHost = 512
	// DefaultMaxConnWaitTimeout is how long a call waits for a free
	// connection when DefaultMaxConnsPerHost are busy.
	DefaultMaxConnWaitTimeout = 5 * time.Second
	// DefaultTimeout bounds a call whose ctx has no deadline, and each
	// response read and request write.
	DefaultTimeout = 30 * time.Second
)

// Option configures a Doer built by New. Options follow the module's rule:
// a nil value means the default. New cannot fail, so no value is wrong:
// a size or duration of zero or less means the default too.
type Option func(*config)

type config struct {
	client             *fasthttp.Client
	hostClient         *fasthttp.HostClient
	maxConnsPerHost    int
	maxConnWaitTimeout time.Duration
	maxBodyBytes       int
	timeout            time.Duration
}

// WithClient makes the Doer send through c, which New does not modify:
// c's own settings apply, and WithMaxConnsPerHost and WithMaxConnWaitTimeout
// are ignored. To keep the transport contract c should have
// DisablePathNormalizing set (without it, Do refuses any URL whose path
// fasthttp would rewrite, with ErrPathNormalization),
// MaxIdemponentCallAttempts 1 and a RetryIfErr that returns false. The body
// cap is still enforced after fasthttp has read the body.
//
// A nil c means the default, a client of the Doer's own.
func WithClient(c *fasthttp.Client) Option {
	return func(cfg *config) {
		cfg.client, cfg.hostClient = c, nil
	}
}

// WithHostClient makes the Doer send every request through hc, which
// talks to hc.Addr whatever host the URL names (the URL's host still goes
// in the Host header). What WithClient says about settings applies to hc.
// A nil hc means the default, a client of the Doer's own.
func WithHostClient(hc *fasthttp.HostClient) Option {
	return func(cfg *config) {
		cfg.client, cfg.hostClient = nil, hc
	}
}

// WithMaxConnsPerHost caps the connections the Doer's own client opens to
// one host; n <= 0 means DefaultMaxConnsPerHost.
func WithMaxConnsPerHost(n int) Option {
	return func(cfg *config) { cfg.maxConnsPerHost = n }
}

// WithMaxConnWaitTimeout sets how long a call waits for a free connection
// when all are busy before failing with fasthttp.ErrNoFreeConns; d <= 0
// means DefaultMaxConnWaitTimeout.
func WithMaxConnWaitTimeout(d time.Duration) Option {
	return func(cfg *config) { cfg.maxConnWaitTimeout = d }
}

// WithMaxBodyBytes caps the response body at n bytes; a longer body is an
// error wrapping transport.ErrBodyTooLarge. n <= 0 means
// transport.DefaultMaxBodyBytes, which is also the default.
func WithMaxBodyBytes(n int) Option {
	return func(cfg *config) { cfg.maxBodyBytes = n }
}

// WithTimeout bounds a call whose ctx has no deadline, and is the read and
// write timeout of the Doer's own client; d <= 0 means DefaultTimeout.
func WithTimeout(d time.Duration) Option {
	return func(cfg *config) { cfg.timeout = d }
}

// withDefaults fills in every setting left at zero.
func (cfg config) withDefaults() config {
	if cfg.maxConnsPerHost <= 0 {
		cfg.maxConnsPerHost = DefaultMaxConnsPerHost
	}
	if cfg.maxConnWaitTimeout <= 0 {
		cfg.maxConnWaitTimeout = DefaultMaxConnWaitTimeout
	}
	if cfg.maxBodyBytes <= 0 {
		cfg.maxBodyBytes = transport.DefaultMaxBodyBytes
	}
	if cfg.timeout <= 0 {
		cfg.timeout = DefaultTimeout
	}
	return cfg
}
