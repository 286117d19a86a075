package crypto

import (
	cryptorand "crypto/rand"
	"encoding/base64"
	"fmt"
	"io"
	"slices"

	"golang.org/x/crypto/nacl/secretbox"
)

// nonceSize is the length in bytes of a secretbox nonce.
const nonceSize = 24

// The fixed parts of an envelope, in the order pusher-http-node writes them.
const (
	envelopeOpen       = `{"nonce":"`
	envelopeCiphertext = `","ciphertext":"`
	envelopeClose      = `"}`
)

// EnvelopeLen returns the exact length in bytes of the envelope that
// AppendEnvelope and Encrypt produce for a plaintext of plaintextLen bytes.
// It is what the event's data will weigh on the wire, before JSON-escaping
// its quotes. It returns 0 for a negative length.
func EnvelopeLen(plaintextLen int) int {
	if plaintextLen < 0 {
		return 0
	}
	return len(envelopeOpen) + base64.StdEncoding.EncodedLen(nonceSize) +
		len(envelopeCiphertext) + base64.StdEncoding.EncodedLen(plaintextLen+secretbox.Overhead) +
		len(envelopeClose)
}

// AppendEnvelope encrypts plaintext for channel and appends the JSON envelope
// {"nonce":"<base64>","ciphertext":"<base64>"} to dst, returning the extended
// slice. The nonce is read from rand with io.ReadFull; a nil rand means
// crypto/rand. Use a deterministic rand only in tests: a repeated nonce under
// the same channel key breaks the encryption.
//
// It allocates only when dst lacks room for EnvelopeLen(len(plaintext))
// more bytes (and, rarely, to grow its internal scratch buffers). On error
// dst is returned unchanged; the error matches ErrRandomSource (wrapping the
// reader's error) or ErrInvalidMasterKey.
func (m *MasterKey) AppendEnvelope(dst []byte, channel string, plaintext []byte, rand io.Reader) ([]byte, error) {
	s := m.material()
	if s == nil {
		return dst, errNoKey
	}
	if rand == nil {
		rand = cryptorand.Reader
	}

	scratch := s.scratch.get(nonceSize + len(plaintext) + secretbox.Overhead)
	defer s.scratch.put(scratch)
	nonce := (*[nonceSize]byte)((*scratch)[:nonceSize])
	if _, err := io.ReadFull(rand, nonce[:]); err != nil {
		return dst, fmt.Errorf("%w: reading a %d-byte nonce: %w", ErrRandomSource, nonceSize, err)
	}

	key := s.channelKey(channel)
	sealed := secretbox.Seal((*scratch)[nonceSize:nonceSize], plaintext, nonce, &key)
	clear(key[:])

	dst = slices.Grow(dst, EnvelopeLen(len(plaintext)))
	dst = append(dst, envelopeOpen...)
	dst = base64.StdEncoding.AppendEncode(dst, nonce[:])
	dst = append(dst, envelopeCiphertext...)
	dst = base64.StdEncoding.AppendEncode(dst, sealed)
	dst = append(dst, envelopeClose...)
	return dst, nil
}

// Encrypt encrypts plaintext for channel and returns a new JSON envelope, as
// AppendEnvelope does with an empty dst of exactly the right capacity.
func (m *MasterKey) Encrypt(channel string, plaintext []byte, rand io.Reader) ([]byte, error) {
	if m.material() == nil {
		return nil, errNoKey
	}
	out, err := m.AppendEnvelope(make([]byte, 0, EnvelopeLen(len(plaintext))), channel, plaintext, rand)
	if err != nil {
		return nil, err
	}
	return out, nil
}
