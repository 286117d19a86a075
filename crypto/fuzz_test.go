package crypto_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/go-pusher/channels/crypto"
)

// FuzzDecrypt feeds arbitrary envelopes to Decrypt. It must never panic,
// every failure must match ErrDecrypt, and since nobody can forge a
// Poly1305 tag, anything that does decrypt must be one of the seeded
// plaintexts.
func FuzzDecrypt(f *testing.F) {
	const ch = "private-encrypted-fuzz"
	mk := mustKey(f, nodeTestKeyBase64)
	known := [][]byte{[]byte(""), []byte("hello"), []byte(`{"a":1}`), bytes.Repeat([]byte{0}, 100)}
	for _, pt := range known {
		env, err := mk.Encrypt(ch, pt, countingNonce())
		if err != nil {
			f.Fatal(err)
		}
		f.Add(env)
		f.Add(env[:len(env)/2])
	}
	f.Add([]byte(""))
	f.Add([]byte("{}"))
	f.Add([]byte("null"))
	f.Add([]byte(`{"nonce":"AAAA","ciphertext":"AAAA"}`))
	f.Add([]byte(`{"nonce":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYX","ciphertext":""}`))
	f.Add([]byte(`{"nonce":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYX","ciphertext":"AAAAAAAAAAAAAAAAAAAAAA=="}`))
	f.Add([]byte{0xff, 0xfe, '{'})

	f.Fuzz(func(t *testing.T, envelope []byte) {
		got, err := mk.Decrypt(ch, envelope)
		if err != nil {
			if !errors.Is(err, crypto.ErrDecrypt) {
				t.Fatalf("error %v does not match ErrDecrypt", err)
			}
			if got != nil {
				t.Fatalf("plaintext %q returned with an error", got)
			}
			return
		}
		for _, pt := range known {
			if bytes.Equal(got, pt) {
				return
			}
		}
		t.Fatalf("decrypted %q, which was never encrypted", got)
	})
}

// FuzzRoundTrip checks that any plaintext on any channel survives
// AppendEnvelope then Decrypt, and that the envelope has the promised length.
func FuzzRoundTrip(f *testing.F) {
	mk := mustKey(f, nodeTestKeyBase64)
	f.Add("private-encrypted-a", []byte("hello"))
	f.Add("", []byte{})
	f.Add("private-encrypted-\x00\xff", []byte{0, 1, 2})
	f.Fuzz(func(t *testing.T, channel string, plaintext []byte) {
		env, err := mk.AppendEnvelope([]byte("pre"), channel, plaintext, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(env) != 3+crypto.EnvelopeLen(len(plaintext)) {
			t.Fatalf("envelope is %d bytes, want 3+%d", len(env), crypto.EnvelopeLen(len(plaintext)))
		}
		got, err := mk.Decrypt(channel, env[3:])
		if err != nil || !bytes.Equal(got, plaintext) {
			t.Fatalf("round trip: %q, %v", got, err)
		}
	})
}
