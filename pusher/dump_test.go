package pusher_test

import (
	"encoding/base64"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/go-pusher/channels/pusher"
)

// failureText records what testify prints when an assertion fails.
type failureText struct{ strings.Builder }

// Errorf records the failure message.
func (f *failureText) Errorf(format string, args ...any) { fmt.Fprintf(&f.Builder, format, args...) }

// testifyDiff returns what assert.Equal prints when v is compared with a
// zero value of its type: its diff dumps v with spew, DisableMethods set,
// so String, GoString and Format are not consulted.
func testifyDiff[T any](t *testing.T, v T) string {
	t.Helper()
	type holder struct{ V T }
	var f failureText
	if assert.Equal(&f, holder{}, holder{V: v}) {
		t.Fatal("assert.Equal found no difference")
	}
	if !strings.Contains(f.String(), "Diff:") {
		t.Fatalf("testify printed no diff:\n%s", f.String())
	}
	return f.String()
}

// TestReflectiveDumpsHideSecrets: a failing assert.Equal on a client shows
// neither the app secret, a webhook secret nor the master key.
func TestReflectiveDumpsHideSecrets(t *testing.T) {
	const (
		secret        = "app-S3CRET-dump-me-not"
		webhookSecret = "webhook-S3CRET-dump-me-not"
		masterRaw     = "MASTER-key-32-bytes-dump-me-not!"
	)
	masterB64 := base64.StdEncoding.EncodeToString([]byte(masterRaw))
	c, err := pusher.New("1", "dump-key", secret,
		pusher.WithWebhookCredentials("old-key", webhookSecret),
		pusher.WithEncryptionMasterKeyBase64(masterB64))
	if err != nil {
		t.Fatal(err)
	}
	// Use the signers so that any pooled state exists too.
	if _, err := c.AuthorizeChannel("1.2", "private-x"); err != nil {
		t.Fatal(err)
	}
	dump := testifyDiff(t, c)
	if !strings.Contains(dump, "dump-key") {
		t.Fatalf("the dump does not reach the client's fields:\n%s", dump)
	}
	for _, s := range []string{secret, webhookSecret, masterRaw, masterB64} {
		if strings.Contains(dump, s) {
			t.Errorf("testify's diff shows %q", s)
		}
		if hex := fmt.Sprintf("%x", s); strings.Contains(dump, hex) {
			t.Errorf("testify's diff shows %q in hex", s)
		}
		// spew prints a []byte as a hex dump: look for its first bytes.
		if strings.Contains(dump, fmt.Sprintf("%02x %02x %02x %02x", s[0], s[1], s[2], s[3])) {
			t.Errorf("testify's diff shows %q as bytes", s)
		}
	}
}
