package domain_test

import (
	"strings"
	"testing"

	"github.com/go-pusher/channels/domain"
)

// TestValidateCredentials: keys of Pusher's (hex) and of self-hosted
// servers' shapes pass, a key that could not prefix "key:signature" or
// travel in a header does not; a secret with a control character or white
// space does not, and its error never quotes it.
func TestValidateCredentials(t *testing.T) {
	tests := []struct {
		field    string
		validate func(string) error
		good     []string
		bad      map[string]error
	}{
		{
			field: "key", validate: domain.ValidateAppKey,
			good: []string{"278d425bdf160c739803", "app-key", "K", "a.b_c~d=e+f/g%h"},
			bad: map[string]error{
				"": domain.ErrEmpty, "k:x": domain.ErrBadCharacter, "k\x00": domain.ErrBadCharacter,
				"k ey": domain.ErrBadCharacter, "key\n": domain.ErrBadCharacter, "k\x7f": domain.ErrBadCharacter,
				"kéy": domain.ErrBadCharacter, "\tkey": domain.ErrBadCharacter, "key\r\n": domain.ErrBadCharacter,
			},
		},
		{
			field: "secret", validate: domain.ValidateAppSecret,
			good: []string{"7ad3773142a6692b25b8", "app-secret", "s:e:c", "sécret", "%2F"},
			bad: map[string]error{
				"": domain.ErrEmpty, "secret-TOKEN\n": domain.ErrBadCharacter, "secret-TOKEN\x00": domain.ErrBadCharacter,
				"secret TOKEN": domain.ErrBadCharacter, "\tsecret-TOKEN": domain.ErrBadCharacter,
				"secret-TOKEN\u00a0": domain.ErrBadCharacter, "secret-TOKEN\u2028": domain.ErrBadCharacter,
			},
		},
	}
	for _, tt := range tests {
		for _, v := range tt.good {
			if err := tt.validate(v); err != nil {
				t.Errorf("%s %q: %v, want nil", tt.field, v, err)
			}
		}
		for v, reason := range tt.bad {
			err := tt.validate(v)
			ve := requireValidationError(t, err, tt.field, reason)
			if tt.field == "secret" && v != "" && (ve.Value != "" || strings.Contains(err.Error(), "TOKEN")) {
				t.Errorf("the error quotes the secret: %v (Value %q)", err, ve.Value)
			}
		}
	}
}
