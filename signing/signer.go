package signing

import (
	"crypto/hmac"
	"crypto/sha256"
	"hash"
	"log/slog"
	"sync"

	"github.com/go-pusher/channels/domain"
)

// Signer holds one app's key and secret. It is immutable after NewSigner
// and safe for concurrent use. Its String, GoString and LogValue never show
// the secret. A Signer must not be copied after first use.
type Signer struct {
	key string
	// secret returns the secret. It is reachable only through a closure,
	// as crypto.MasterKey keeps its key, so that reflective printers (fmt
	// on an unexported field, spew in testify's diffs) show a func, never
	// the bytes.
	secret func() []byte
	// macs pools HMAC-SHA256 hashes keyed with the secret.
	macs sync.Pool
}

// NewSigner returns a Signer for the app key and secret.
//
// NewSigner cannot fail, so it cannot refuse bad credentials; instead a
// Signer whose key domain.ValidateAppKey refuses or whose secret
// domain.ValidateAppSecret refuses (an empty one, say) signs nothing, as
// does a nil or zero Signer: its auth strings and webhook signatures are
// empty, VerifyWebhook reports false and AppendQuery appends nothing.
// Signing with an empty secret would give values that look right and
// never verify, and verifying with one would accept a signature anybody
// can compute. Check the credentials first: pusher.New does, and returns
// a *pusher.ConfigError.
func NewSigner(key, secret string) *Signer {
	if domain.ValidateAppKey(key) != nil || domain.ValidateAppSecret(secret) != nil {
		return &Signer{key: key}
	}
	b := []byte(secret)
	return &Signer{key: key, secret: func() []byte { return b }}
}

// usable reports whether s has credentials to sign with.
func (s *Signer) usable() bool { return s != nil && s.secret != nil }

// Key returns the app key (public, not the secret); "" for a nil Signer.
func (s *Signer) Key() string {
	if s == nil {
		return ""
	}
	return s.key
}

// String describes the signer by its key; the secret is redacted.
func (s *Signer) String() string {
	if s == nil {
		return "signing.Signer(nil)"
	}
	return "signing.Signer{key: " + s.key + ", secret: [REDACTED]}"
}

// GoString is like String, so %#v does not show the secret either.
func (s *Signer) GoString() string { return s.String() }

// LogValue implements slog.LogValuer without the secret.
func (s *Signer) LogValue() slog.Value {
	if s == nil {
		return slog.StringValue("<nil>")
	}
	return slog.GroupValue(slog.String("key", s.key), slog.String("secret", "[REDACTED]"))
}

// getMAC returns a reset HMAC-SHA256 keyed with the secret, from the pool
// when one is free. Only a usable Signer has one.
func (s *Signer) getMAC() hash.Hash {
	if h, ok := s.macs.Get().(hash.Hash); ok {
		h.Reset()
		return h
	}
	return hmac.New(sha256.New, s.secret())
}

func (s *Signer) putMAC(h hash.Hash) { s.macs.Put(h) }

// mac returns HMAC-SHA256(secret, msg) as raw bytes appended to dst.
func (s *Signer) mac(dst, msg []byte) []byte {
	h := s.getMAC()
	h.Write(msg)
	dst = h.Sum(dst)
	s.putMAC(h)
	return dst
}
