package crypto_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"testing"

	"github.com/go-pusher/channels/crypto"
)

// nodeTestKeyBase64 and nodeTestSharedSecret are the master key and the
// shared_secret for "private-encrypted-bla" published in pusher-http-node's
// authorizeChannel tests: an independent vector for the derivation.
const (
	nodeTestKeyBase64    = "zyrm8pvV2C9fJcBfhyXzvxbJVN/H7QLmbe0xJi1GhPU="
	nodeTestChannel      = "private-encrypted-bla"
	nodeTestSharedSecret = "nlr49ISQHz91yS3cy/yWmW8wFMNeTnNL5tNHnbPJcLQ="
)

// mustKey parses a base64 master key or stops the test.
func mustKey(t testing.TB, b64 string) *crypto.MasterKey {
	t.Helper()
	mk, err := crypto.ParseMasterKey(b64)
	if err != nil {
		t.Fatalf("ParseMasterKey: %v", err)
	}
	return mk
}

// rawMasterKey decodes a base64 key for independent computations.
func rawMasterKey(t testing.TB, b64 string) []byte {
	t.Helper()
	b, err := base64.StdEncoding.DecodeString(b64)
	if err != nil || len(b) != 32 {
		t.Fatalf("bad test key %q", b64)
	}
	return b
}

// independentChannelKey computes SHA-256(channel ‖ master) without the package.
func independentChannelKey(channel string, master []byte) [32]byte {
	h := sha256.New()
	h.Write([]byte(channel))
	h.Write(master)
	var k [32]byte
	copy(k[:], h.Sum(nil))
	return k
}

// countingNonce returns a reader yielding the nonce 0, 1, ..., 23.
func countingNonce() *bytes.Reader {
	n := make([]byte, 24)
	for i := range n {
		n[i] = byte(i)
	}
	return bytes.NewReader(n)
}
