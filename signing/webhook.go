package signing

import (
	"crypto/hmac"
	"encoding/hex"
)

// WebhookSignature returns hex HMAC-SHA256(secret, body), the value of the
// X-Pusher-Signature header of a webhook; "" when s cannot sign (see
// NewSigner).
func (s *Signer) WebhookSignature(body []byte) string {
	if !s.usable() {
		return ""
	}
	var sum [sha256Size]byte
	return hex.EncodeToString(s.mac(sum[:0], body))
}

// VerifyWebhook reports whether signatureHex is the webhook signature of
// body. The comparison is constant-time; malformed hex, or a Signer that
// cannot sign (see NewSigner), yields false.
func (s *Signer) VerifyWebhook(body []byte, signatureHex string) bool {
	if !s.usable() || len(signatureHex) != 2*sha256Size {
		return false
	}
	var got [sha256Size]byte
	if _, err := hex.Decode(got[:], []byte(signatureHex)); err != nil {
		return false
	}
	var want [sha256Size]byte
	return hmac.Equal(s.mac(want[:0], body), got[:])
}
