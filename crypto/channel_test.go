package crypto_test

import (
	"encoding/base64"
	"encoding/hex"
	"strings"
	"testing"
)

func TestChannelKeyDerivationVector(t *testing.T) {
	mk := mustKey(t, nodeTestKeyBase64)
	got := mk.ChannelKey(nodeTestChannel)

	want := independentChannelKey(nodeTestChannel, rawMasterKey(t, nodeTestKeyBase64))
	if got != want {
		t.Fatalf("ChannelKey = %x, want SHA-256(channel ‖ key) = %x", got, want)
	}
	// Pinned once from the computation above, so a regression in either shows.
	const pinned = "9e5af8f484901f3f75c92ddccbfc96996f3014c35e4e734be6d3479db3c970b4"
	if hex.EncodeToString(got[:]) != pinned {
		t.Fatalf("ChannelKey = %x, want pinned %s", got, pinned)
	}
}

func TestSharedSecretMatchesPusherHTTPNode(t *testing.T) {
	mk := mustKey(t, nodeTestKeyBase64)
	got := mk.SharedSecret(nodeTestChannel)
	if got != nodeTestSharedSecret {
		t.Fatalf("SharedSecret = %q, want pusher-http-node's %q", got, nodeTestSharedSecret)
	}
	key := mk.ChannelKey(nodeTestChannel)
	if got != base64.StdEncoding.EncodeToString(key[:]) {
		t.Fatalf("SharedSecret is not the standard base64 of ChannelKey")
	}
}

func TestChannelKeyDependsOnChannelAndKey(t *testing.T) {
	a := mustKey(t, nodeTestKeyBase64)
	b := mustKey(t, base64.StdEncoding.EncodeToString([]byte("01234567890123456789012345678901")))
	if a.ChannelKey("private-encrypted-1") == a.ChannelKey("private-encrypted-2") {
		t.Error("two channels share a key")
	}
	if a.ChannelKey("private-encrypted-1") == b.ChannelKey("private-encrypted-1") {
		t.Error("two master keys give one channel key")
	}
	if a.ChannelKey("private-encrypted-1") != a.ChannelKey("private-encrypted-1") {
		t.Error("derivation is not deterministic")
	}
}

func TestChannelKeyLongAndOddNames(t *testing.T) {
	mk := mustKey(t, nodeTestKeyBase64)
	master := rawMasterKey(t, nodeTestKeyBase64)
	for _, ch := range []string{
		"",
		"private-encrypted-" + strings.Repeat("x", 182), // 200 bytes, the service limit
		"private-encrypted-" + strings.Repeat("y", 500), // beyond the fixed 256-byte buffer
		"private-encrypted-ünïcødé",
	} {
		if got, want := mk.ChannelKey(ch), independentChannelKey(ch, master); got != want {
			t.Errorf("ChannelKey(%d-byte name) = %x, want %x", len(ch), got, want)
		}
	}
}
