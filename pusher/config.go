package pusher

import (
	"crypto/rand"
	"io"
	"log/slog"
	"time"

	"github.com/go-pusher/channels/crypto"
	"github.com/go-pusher/channels/domain"
	"github.com/go-pusher/channels/transport"
	"github.com/go-pusher/channels/transport/nethttp"
)

// DefaultTimeout bounds each call unless its context ends sooner.
const DefaultTimeout = 5 * time.Second

// DefaultCluster is the cluster used when neither WithCluster nor WithHost is given.
const DefaultCluster = "mt1"

// config is what the options set before New builds a Client.
type config struct {
	endpoint      endpoint // scheme, host and base path, as the settings gave them
	doer          transport.Doer
	codec         JSONCodec
	now           func() time.Time
	random        io.Reader
	logger        *slog.Logger
	timeout       time.Duration
	limits        domain.Limits
	retry         *RetryPolicy
	masterKeyB64  string
	masterKeySet  bool // WithEncryptionMasterKeyBase64 was given, even with ""
	webhookMaxAge time.Duration
	keysHonored   bool // WithIdempotencyKeysHonored
	keysGenerated bool // WithGeneratedIdempotencyKeys

	webhookCredentials []credential
}

// credential is an extra key/secret pair accepted on webhooks.
type credential struct{ key, secret string }

// defaultConfig is the configuration before any option.
func defaultConfig() config {
	return config{
		codec:   stdJSON{},
		now:     time.Now,
		random:  rand.Reader,
		logger:  discardLogger(),
		timeout: DefaultTimeout,
		limits:  domain.DefaultLimits(),
	}
}

// scheme is "https" unless a setting said "http".
func (c *config) scheme() string { return c.endpoint.scheme.valueOr("https") }

// hostName is the API host a setting gave, or the DefaultCluster's.
func (c *config) hostName() string { return c.endpoint.host.valueOr(clusterHost(DefaultCluster)) }

// basePath is the path prefix a setting gave, or "".
func (c *config) basePath() string { return c.endpoint.basePath.valueOr("") }

// masterKey parses the configured master key, if one was given.
func (c *config) masterKey() (*crypto.MasterKey, error) {
	if !c.masterKeySet {
		return nil, nil
	}
	return crypto.ParseMasterKey(c.masterKeyB64)
}

// discardLogger is the logger of a client without WithLogger.
func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }

// defaultDoer is the net/http adapter with its defaults.
func defaultDoer() transport.Doer { return nethttp.New() }
