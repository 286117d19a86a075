package crypto

import (
	"encoding/json"
	"fmt"

	"golang.org/x/crypto/nacl/secretbox"
)

// wireEnvelope is the wire form of encrypted event data. encoding/json decodes
// each field from standard, padded base64.
type wireEnvelope struct {
	Nonce      []byte `json:"nonce"`
	Ciphertext []byte `json:"ciphertext"`
}

// The reasons Decrypt gives; each matches ErrDecrypt and none quotes the input.
var (
	errEnvelopeFormat  = fmt.Errorf("%w: envelope is not a JSON object with base64 nonce and ciphertext", ErrDecrypt)
	errEnvelopeNonce   = fmt.Errorf("%w: nonce is not 24 bytes", ErrDecrypt)
	errEnvelopeShort   = fmt.Errorf("%w: ciphertext is shorter than its authenticator", ErrDecrypt)
	errEnvelopeForgery = fmt.Errorf("%w: authentication failed: wrong key or channel, or a tampered envelope", ErrDecrypt)
)

// Decrypt opens an envelope that AppendEnvelope, Encrypt or another Pusher
// server library produced for channel and returns the plaintext. Every
// problem with the envelope yields an error matching ErrDecrypt; a nil or
// zero MasterKey yields one matching ErrInvalidMasterKey.
func (m *MasterKey) Decrypt(channel string, envelope []byte) ([]byte, error) {
	s := m.material()
	if s == nil {
		return nil, errNoKey
	}
	var env wireEnvelope
	if err := json.Unmarshal(envelope, &env); err != nil {
		return nil, errEnvelopeFormat
	}
	if len(env.Nonce) != nonceSize {
		return nil, errEnvelopeNonce
	}
	if len(env.Ciphertext) < secretbox.Overhead {
		return nil, errEnvelopeShort
	}

	key := s.channelKey(channel)
	defer clear(key[:])
	plaintext, ok := secretbox.Open(make([]byte, 0, len(env.Ciphertext)-secretbox.Overhead),
		env.Ciphertext, (*[nonceSize]byte)(env.Nonce), &key)
	if !ok {
		return nil, errEnvelopeForgery
	}
	return plaintext, nil
}
