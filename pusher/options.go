package pusher

import (
	"crypto/rand"
	"io"
	"log/slog"
	"net/netip"
	"strings"
	"time"

	"github.com/go-pusher/channels/domain"
	"github.com/go-pusher/channels/transport"
)

// Option configures a Client at construction. An option given a bad value
// (a negative duration, a malformed host or key) makes New fail with a
// *ConfigError; an option given nil (a nil transport, codec, clock, random
// source or logger) means the default, as a nil Transport does in
// net/http.Client.
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

// checkHost accepts "host" or "host:port": a DNS name (letters, digits,
// '-' and '_' in non-empty labels of at most 63 bytes, no '-' at either end
// of a label, an optional final '.'), an IPv4 address or a bracketed IPv6
// address, and a port of digits only in 1..65535.
func checkHost(host string) error {
	name, port := host, ""
	if strings.HasPrefix(host, "[") {
		end := strings.IndexByte(host, ']')
		if end < 0 {
			return hostError("unbalanced '['")
		}
		name, port = host[1:end], host[end+1:]
		if addr, err := netip.ParseAddr(name); err != nil || !addr.Is6() || addr.Zone() != "" {
			return hostError("want an IPv6 address in brackets")
		}
		if port != "" {
			if port[0] != ':' {
				return hostError(`want "[address]:port"`)
			}
			return checkPort(port[1:])
		}
		return nil
	}
	if i := strings.IndexByte(host, ':'); i >= 0 {
		name, port = host[:i], host[i+1:]
		if strings.IndexByte(port, ':') >= 0 {
			return hostError(`an IPv6 address goes in brackets: "[::1]:port"`)
		}
		if err := checkPort(port); err != nil {
			return err
		}
	}
	if _, err := netip.ParseAddr(name); err == nil {
		return nil
	}
	return checkDNSName(name)
}

// checkDNSName checks a host name (see checkHost).
func checkDNSName(name string) error {
	labels := strings.TrimSuffix(name, ".")
	if labels == "" || len(labels) > 253 {
		return hostError("want a host name of 1 to 253 bytes")
	}
	for label := range strings.SplitSeq(labels, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return hostError("empty, overlong or dash-edged label")
		}
		for i := 0; i < len(label); i++ {
			b := label[i]
			if !('a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || b == '-' || b == '_') {
				return hostError(`want "host" or "host:port" of letters, digits, '-', '_' and '.'`)
			}
		}
	}
	return nil
}

// checkPort accepts 1 to 65535 in decimal digits, no sign or space.
func checkPort(port string) error {
	if port == "" || len(port) > 5 {
		return hostError("bad port")
	}
	n := 0
	for i := 0; i < len(port); i++ {
		if port[i] < '0' || port[i] > '9' {
			return hostError("bad port")
		}
		n = n*10 + int(port[i]-'0')
	}
	if n < 1 || n > 65535 {
		return hostError("bad port")
	}
	return nil
}

// hostError is the *ConfigError for a host that cannot be one. It does not
// quote the host, which may hold control characters.
func hostError(reason string) error { return &ConfigError{Field: "host", Reason: reason} }

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
// adapter, e.g. transport/fasthttp, transport/resty or a test double; nil
// means the default. d stays the caller's: Client.Close does not close it.
func WithTransport(d transport.Doer) Option {
	return func(c *config) error { c.doer = d; return nil }
}

// WithJSONCodec encodes structured event data and decodes answers with j
// instead of encoding/json; nil means encoding/json.
func WithJSONCodec(j JSONCodec) Option {
	return func(c *config) error {
		c.codec = j
		if j == nil {
			c.codec = stdJSON{}
		}
		return nil
	}
}

// WithClock makes the client read the time from now, for reproducible
// signatures in tests. The default, and what nil means, is time.Now.
func WithClock(now func() time.Time) Option {
	return func(c *config) error {
		c.now = now
		if now == nil {
			c.now = time.Now
		}
		return nil
	}
}

// WithRandom makes the client draw encryption nonces from r, for
// reproducible ciphertexts in tests. The default, and what nil means, is
// crypto/rand. r must be safe for concurrent use if the client is; a
// repeated nonce weakens the encryption, so never use a fixed source in
// production.
func WithRandom(r io.Reader) Option {
	return func(c *config) error {
		c.random = r
		if r == nil {
			c.random = rand.Reader
		}
		return nil
	}
}

// WithLogger logs each exchange (method, path, status, duration, attempt) at
// debug level and retries at warn level to l. Queries, signatures, secrets
// and event data are never logged. The default, and what nil means, logs
// nothing.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		c.logger = l
		if l == nil {
			c.logger = discardLogger()
		}
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
// 32-byte master key (`openssl rand -base64 32`). A malformed or empty key
// makes New fail: an empty one never silently leaves encryption off.
func WithEncryptionMasterKeyBase64(key string) Option {
	return func(c *config) error { c.masterKeyB64, c.masterKeySet = key, true; return nil }
}

// WithWebhookCredentials accepts webhooks signed with another key and
// secret besides the app's own, e.g. while rotating secrets. It may be given
// several times. The key and secret follow New's rules.
func WithWebhookCredentials(key, secret string) Option {
	return func(c *config) error {
		if err := checkCredentials(key, secret); err != nil {
			err.Field, err.Reason = "webhook_credentials", err.Field+" "+err.Reason
			return err
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
