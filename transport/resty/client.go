package resty

import (
	"crypto/tls"
	"net"
	"net/http"
	"time"

	"github.com/go-resty/resty/v2"
)

// Connection pool sizes: 16 concurrent callers, or several times that,
// keep reusing their connections to the one API host. (resty's own default
// keeps GOMAXPROCS+1 idle connections per host.)
const (
	maxIdleConns        = 256
	maxIdleConnsPerHost = 64
	maxConnsPerHost     = 256
)

// newClient returns the resty client a Doer uses unless given one: no
// cookie jar, and a pooled transport with proxy from the environment,
// TLS 1.2 or later and HTTP/2 when the server offers it.
func newClient() *resty.Client {
	dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	return resty.NewWithClient(&http.Client{Transport: &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           dialer.DialContext,
		TLSClientConfig:       &tls.Config{MinVersion: tls.VersionTLS12},
		TLSHandshakeTimeout:   10 * time.Second,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          maxIdleConns,
		MaxIdleConnsPerHost:   maxIdleConnsPerHost,
		MaxConnsPerHost:       maxConnsPerHost,
		IdleConnTimeout:       90 * time.Second,
		ExpectContinueTimeout: time.Second,
		DisableCompression:    true, // answers are a few bytes of JSON: not worth a header and a decompressor per request
	}})
}

// configure switches off what the transport contract forbids: resty's own
// retries, and following redirects.
func configure(c *resty.Client) {
	c.SetRetryCount(0)
	c.SetRedirectPolicy(resty.RedirectPolicyFunc(func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}))
}
