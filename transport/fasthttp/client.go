package fasthttp

import (
	"crypto/tls"
	"time"

	"github.com/valyala/fasthttp"
)

// sender is what the Doer needs of a fasthttp.Client or HostClient.
type sender interface {
	DoDeadline(req *fasthttp.Request, resp *fasthttp.Response, deadline time.Time) error
	CloseIdleConnections()
}

// newClient returns the long-lived client a Doer uses unless given one:
// paths sent as written, no retries, body capped, TLS 1.2 or later, the
// proxy from the environment, every connection in conns, and error texts
// that never quote request or response bytes.
func newClient(cfg config, conns *connSet) *fasthttp.Client {
	return &fasthttp.Client{
		MaxConnsPerHost:           cfg.maxConnsPerHost,
		MaxConnWaitTimeout:        cfg.maxConnWaitTimeout,
		ReadTimeout:               cfg.timeout,
		WriteTimeout:              cfg.timeout,
		MaxResponseBodySize:       cfg.maxBodyBytes,
		Dial:                      conns.dial(envProxyDial(cfg.timeout)),
		DisablePathNormalizing:    true,
		MaxIdemponentCallAttempts: 1,
		RetryIfErr:                neverRetry,
		TLSConfig:                 &tls.Config{MinVersion: tls.VersionTLS12},
		ConfigureClient: func(hc *fasthttp.HostClient) error {
			hc.SecureErrorLogMessage = true
			return nil
		},
	}
}

// neverRetry tells fasthttp not to retry a failed call: retrying is the
// caller's policy, and each attempt must be signed afresh.
func neverRetry(*fasthttp.Request, int, error) (resetTimeout, retry bool) { return false, false }
