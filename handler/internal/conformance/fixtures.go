package conformance

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/url"
	"testing"

	"github.com/go-pusher/channels/pusher"
)

// Credentials of the test app.
const (
	AppID  = "1"
	Key    = "key"
	Secret = "secret"
)

// MasterKey returns the test app's 32-byte encryption master key.
func MasterKey() []byte {
	k := make([]byte, 32)
	for i := range k {
		k[i] = byte(i * 7)
	}
	return k
}

// NewClient builds the test app's client; no network is used.
func NewClient(t testing.TB, opts ...pusher.Option) *pusher.Client {
	t.Helper()
	c, err := pusher.New(AppID, Key, Secret, opts...)
	if err != nil {
		t.Fatalf("pusher.New: %v", err)
	}
	return c
}

// NewEncryptionClient builds the test app's client with the master key.
func NewEncryptionClient(t testing.TB, opts ...pusher.Option) *pusher.Client {
	t.Helper()
	opts = append(opts, pusher.WithEncryptionMasterKeyBase64(base64.StdEncoding.EncodeToString(MasterKey())))
	return NewClient(t, opts...)
}

// AuthValue computes "key:hex(HMAC-SHA256(secret, s))" without the library.
func AuthValue(s string) string {
	return Key + ":" + HMACHex(Secret, []byte(s))
}

// HMACHex is hex HMAC-SHA256(secret, msg).
func HMACHex(secret string, msg []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(msg)
	return hex.EncodeToString(m.Sum(nil))
}

// SharedSecret computes a private-encrypted- channel's shared secret
// without the library: base64(SHA-256(channel ‖ master key)).
func SharedSecret(channel string) string {
	sum := sha256.Sum256(append([]byte(channel), MasterKey()...))
	return base64.StdEncoding.EncodeToString(sum[:])
}

// Form encodes fields in the given order, as pusher-js does.
func Form(kv ...string) []byte {
	var b []byte
	for i := 0; i+1 < len(kv); i += 2 {
		if i > 0 {
			b = append(b, '&')
		}
		b = append(b, url.QueryEscape(kv[i])...)
		b = append(b, '=')
		b = append(b, url.QueryEscape(kv[i+1])...)
	}
	return b
}

// FormType is the content type pusher-js sends.
const FormType = "application/x-www-form-urlencoded"

// SignedWebhook returns the headers of a webhook delivery of body signed
// with the test app's key and secret.
func SignedWebhook(body []byte) map[string][]string {
	return map[string][]string{
		pusher.HeaderWebhookKey:       {Key},
		pusher.HeaderWebhookSignature: {HMACHex(Secret, body)},
	}
}
