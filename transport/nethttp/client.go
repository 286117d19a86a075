package nethttp

import (
	"crypto/tls"
	"net"
	"net/http"
	"time"
)

// Connection pool sizes: 16 concurrent callers, or several times that,
// keep reusing their connections to the one API host.
const (
	maxIdleConns        = 256
	maxIdleConnsPerHost = 64
	maxConnsPerHost     = 256
)

// newTransport returns a pooled transport: proxy from the environment,
// TLS 1.2 or later, HTTP/2 when the server offers it. It asks for no gzip:
// the service's answers are a few bytes of JSON, not worth a header and a
// decompressor per request.
func newTransport() *http.Transport {
	dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	return &http.Transport{
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
		DisableCompression:    true,
	}
}

// withoutRedirects returns a shallow copy of c that returns 3xx responses
// instead of following them.
func withoutRedirects(c *http.Client) *http.Client {
	cp := *c
	cp.CheckRedirect = noRedirects
	return &cp
}

func noRedirects(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
