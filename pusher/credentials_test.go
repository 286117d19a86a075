package pusher_test

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/go-pusher/channels/domain"
	"github.com/go-pusher/channels/pusher"
)

// credentialSecret is distinctive, so that a message quoting it shows.
const credentialSecret = "S3CRET-credential-value"

// TestBadCredentialsAreConfigErrors: New, FromURL and
// WithWebhookCredentials refuse a key that cannot prefix "key:signature"
// or travel in a header, and a secret holding a control character or
// white space, with a *ConfigError that never quotes the secret.
func TestBadCredentialsAreConfigErrors(t *testing.T) {
	tests := []struct {
		name, key, secret, field string
		reason                   error
	}{
		{"empty key", "", credentialSecret, "key", domain.ErrEmpty},
		{"key with ':'", "k:x", credentialSecret, "key", domain.ErrBadCharacter},
		{"key with NUL", "k\x00", credentialSecret, "key", domain.ErrBadCharacter},
		{"key with space", "k y", credentialSecret, "key", domain.ErrBadCharacter},
		{"key with newline", "key\n", credentialSecret, "key", domain.ErrBadCharacter},
		{"empty secret", "key", "", "secret", domain.ErrEmpty},
		{"secret with newline", "key", credentialSecret + "\n", "secret", domain.ErrBadCharacter},
		{"secret with NUL", "key", credentialSecret + "\x00", "secret", domain.ErrBadCharacter},
		{"secret with tab", "key", "\t" + credentialSecret, "secret", domain.ErrBadCharacter},
		{"secret with space", "key", "S3CRET credential", "secret", domain.ErrBadCharacter},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errNew := pusher.New("1", tt.key, tt.secret)
			checkCredentialError(t, "New", errNew, tt.field, tt.reason, tt.secret)

			_, errHook := pusher.New("1", "key", "secret", pusher.WithWebhookCredentials(tt.key, tt.secret))
			checkCredentialError(t, "WithWebhookCredentials", errHook, "webhook_credentials", tt.reason, tt.secret)

			if tt.key == "" || tt.secret == "" {
				return // FromURL says "no key" / "no secret" itself
			}
			u := "https://" + url.UserPassword(tt.key, tt.secret).String() + "@api.pusherapp.com/apps/1"
			_, errURL := pusher.FromURL(u)
			checkCredentialError(t, "FromURL", errURL, tt.field, tt.reason, tt.secret)
		})
	}
}

// checkCredentialError requires a *ConfigError on field matching reason,
// whose message and %+v never show the secret.
func checkCredentialError(t *testing.T, call string, err error, field string, reason error, secret string) {
	t.Helper()
	var cfgErr *pusher.ConfigError
	if !errors.As(err, &cfgErr) || cfgErr.Field != field || !errors.Is(err, reason) {
		t.Fatalf("%s: err = %v, want a *ConfigError on %q matching %q", call, err, field, reason)
	}
	if secret == "" {
		return
	}
	for _, s := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", cfgErr.Err)} {
		if strings.Contains(s, strings.TrimSpace(secret)) {
			t.Errorf("%s: the error shows the secret: %s", call, s)
		}
	}
}

// TestLiberalCredentialsAccepted: keys and secrets of Pusher's and of
// self-hosted servers' shapes are accepted.
func TestLiberalCredentialsAccepted(t *testing.T) {
	for _, cred := range [][2]string{
		{docKey, docSecret},
		{"app-key", "app-secret"},
		{"a.b_c~d=e+f/g%h", "s:e:c:r:e:t/=+"},
		{"k", "sécret"},
	} {
		if _, err := pusher.New("1", cred[0], cred[1]); err != nil {
			t.Errorf("New(%q, %q): %v", cred[0], cred[1], err)
		}
	}
}
