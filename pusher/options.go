package pusher

import (
	"io"
	"log/slog"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/go-pusher/channels/domain"
	"github.com/go-pusher/channels/transport"
)

// Option configures a Client at construction. An option given a bad value
// makes New fail with a *ConfigError.
type Option func(*config) error

// WithCluster selects the cluster, e.g. "eu" for api-eu.pusher.com. It
// names the host, so it must agree with WithHost or FromURL if they are
// given too (see WithHost).
func WithCluster(cluster string) Option {
	return func(c *config) error {
		if cluster == "" || strings.Trim(cluster, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" {
			return &ConfigError{Field: "cluster", Reason: "want lower-case letters, digits and dashes"}
		}
		return c.endpoint.host.set("host", clusterHost(cluster), "WithCluster")
	}
}

// WithHost sends requests to host ("host" or "host:port") instead of a
// cluster's host, e.g. a self-hosted Pusher-compatible server.
//
// Each part of where requests go is given once: the scheme (FromURL or
// WithTLS), the host (FromURL, WithHost or WithCluster) and the base path
// (FromURL or WithBasePath). Settings that give one part different values
// make New fail with a *ConfigError naming both, in any order: WithHost
// with WithCluster naming another host, FromURL's host with either, an
// http URL with WithTLS(true), a URL's path prefix with another
// WithBasePath. Settings that agree are fine, and the same option given
// again replaces its own earlier value.
func WithHost(host string) Option {
	return func(c *config) error {
		if err := checkHost(host); err != nil {
			return err
		}
		return c.endpoint.host.set("host", host, "WithHost")
	}
}

// checkHost accepts "host" or "host:port" with a port in 1..65535 and no
// scheme, path, user info or spaces.
func checkHost(host string) error {
	if host == "" || strings.ContainsAny(host, "/?#@ \t\r\n") {
		return &ConfigError{Field: "host", Reason: `want "host" or "host:port"`}
	}
	if strings.Count(host, ":") > 1 && !strings.HasPrefix(host, "[") {
		return &ConfigError{Field: "host", Reason: `an IPv6 address goes in brackets: "[::1]:port"`}
	}
	if h, port, err := net.SplitHostPort(host); err == nil {
		n, perr := strconv.Atoi(port)
		if h == "" || perr != nil || n < 1 || n > 65535 {
			return &ConfigError{Field: "host", Reason: "bad port"}
		}
	}
	return nil
}

// WithTLS chooses https (true, the default) or plain http (false, for local
// test servers only). It must agree with FromURL's scheme (see WithHost).
func WithTLS(on bool) Option {
	return func(c *config) error {
		if on {
			return c.endpoint.scheme.set("tls", "https", "WithTLS")
		}
		return c.endpoint.scheme.set("tls", "http", "WithTLS")
	}
}

// WithTimeout bounds every call, including its retries, unless the call's
// context ends sooner. Zero means no bound beyond the context. The default
// is DefaultTimeout.
func WithTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 {
			return &ConfigError{Field: "timeout", Reason: "negative"}
		}
		c.timeout = d
		return nil
	}
}

// WithTransport sends requests through d instead of the default net/http
// adapter, e.g. transport/fasthttp, transport/resty or a test double.
func WithTransport(d transport.Doer) Option {
	return func(c *config) error {
		if d == nil {
			return &ConfigError{Field: "transport", Reason: "nil"}
		}
		c.doer = d
		return nil
	}
}

// WithJSONCodec encodes structured event data and decodes answers with j
// instead of encoding/json.
func WithJSONCodec(j JSONCodec) Option {
	return func(c *config) error {
		if j == nil {
			return &ConfigError{Field: "json_codec", Reason: "nil"}
		}
		c.codec = j
		return nil
	}
}

// WithClock makes the client read the time from now, for reproducible
// signatures in tests. The default is time.Now.
func WithClock(now func() time.Time) Option {
	return func(c *config) error {
		if now == nil {
			return &ConfigError{Field: "clock", Reason: "nil"}
		}
		c.now = now
		return nil
	}
}

// WithRandom makes the client draw encryption nonces from r, for
// reproducible ciphertexts in tests. The default is crypto/rand. r must be
// safe for concurrent use if the client is; a repeated nonce weakens the
// encryption, so never use a fixed source in production.
func WithRandom(r io.Reader) Option {
	return func(c *config) error {
		if r == nil {
			return &ConfigError{Field: "random", Reason: "nil"}
		}
		c.random = r
		return nil
	}
}

// WithLogger logs each exchange (method, path, status, duration, attempt) at
// debug level and retries at warn level to l. Queries, signatures, secrets
// and event data are never logged. The default logs nothing.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		if l == nil {
			return &ConfigError{Field: "logger", Reason: "nil"}
		}
		c.logger = l
		return nil
	}
}

// WithLimits replaces the size limits checked before sending, e.g. a larger
// MaxDataBytes for a dedicated cluster. Every limit must be at least 1.
func WithLimits(l Limits) Option {
	return func(c *config) error {
		if err := l.Validate(); err != nil {
			return &ConfigError{Field: "limits", Reason: "every limit must be at least 1", Err: err}
		}
		c.limits = l
		return nil
	}
}

// WithEncryptionMasterKeyBase64 turns on end-to-end encryption for
// private-encrypted- channels with the standard-base64 encoding of a
// 32-byte master key. A malformed key makes New fail.
func WithEncryptionMasterKeyBase64(key string) Option {
	return func(c *config) error { c.masterKeyB64 = key; return nil }
}

// WithEncryptionMasterKey turns on end-to-end encryption with a raw
// 32-byte master key.
//
// Deprecated: use WithEncryptionMasterKeyBase64; a raw key is easily
// truncated or mangled by configuration systems. Giving both is an error.
func WithEncryptionMasterKey(key string) Option {
	return func(c *config) error { c.masterKeyRaw = key; return nil }
}

// WithWebhookCredentials accepts webhooks signed with another key and
// secret besides the app's own, e.g. while rotating secrets. It may be given
// several times.
func WithWebhookCredentials(key, secret string) Option {
	return func(c *config) error {
		if key == "" || secret == "" {
			return &ConfigError{Field: "webhook_credentials", Reason: "empty key or secret"}
		}
		c.webhookCredentials = append(c.webhookCredentials, credential{key: key, secret: secret})
		return nil
	}
}

// WithWebhookMaxAge refuses webhooks whose time_ms is more than d away from
// the client's clock. Zero, the default, checks no age.
func WithWebhookMaxAge(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 {
			return &ConfigError{Field: "webhook_max_age", Reason: "negative"}
		}
		c.webhookMaxAge = d
		return nil
	}
}

// Limits are the size rules checked before anything is sent.
type Limits = domain.Limits

// DefaultLimits returns the limits of the shared clusters: 10 KiB of data,
// 100 channels a trigger, 10 events a batch.
func DefaultLimits() Limits { return domain.DefaultLimits() }
