package signing_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/go-pusher/channels/signing"
)

// failureText records what testify prints when an assertion fails.
type failureText struct{ strings.Builder }

// Errorf records the failure message.
func (f *failureText) Errorf(format string, args ...any) { fmt.Fprintf(&f.Builder, format, args...) }

// TestSignerHidesSecretFromTestify: the diff a failing assert.Equal prints
// (spew with DisableMethods) never shows a Signer's secret.
func TestSignerHidesSecretFromTestify(t *testing.T) {
	const secret = "signer-S3CRET-dump-me-not"
	s := signing.NewSigner("dump-key", secret)
	_ = s.ChannelAuth("1.2", "private-x") // fill the MAC pool
	type holder struct{ S *signing.Signer }
	var f failureText
	assert.Equal(&f, holder{}, holder{S: s})
	dump := f.String()
	if !strings.Contains(dump, "dump-key") {
		t.Fatalf("the dump does not reach the signer:\n%s", dump)
	}
	if strings.Contains(dump, secret) || strings.Contains(dump, fmt.Sprintf("%02x %02x %02x %02x", secret[0], secret[1], secret[2], secret[3])) {
		t.Errorf("testify's diff shows the secret:\n%s", dump)
	}
}
