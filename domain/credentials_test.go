package domain_test

import (
	"strings"
	"testing"

	"github.com/go-pusher/channels/domain"
)

func TestValidateAppKey(t *testing.T) {
	for _, key := range []string{"278d425bdf160c739803", "app-key", "K", "a.b_c~d=e+f/g%h"} {
		if err := domain.ValidateAppKey(key); err != nil {
			t.Errorf("ValidateAppKey(%q) = %v, want nil", key, err)
		}
	}
	for key, reason := range map[string]error{
		"":        domain.ErrEmpty,
		"k:x":     domain.ErrBadCharacter,
		"k\x00":   domain.ErrBadCharacter,
		"k ey":    domain.ErrBadCharacter,
		"key\n":   domain.ErrBadCharacter,
		"k\x7f":   domain.ErrBadCharacter,
		"kéy":     domain.ErrBadCharacter,
		"\tkey":   domain.ErrBadCharacter,
		"key\r\n": domain.ErrBadCharacter,
	} {
		err := domain.ValidateAppKey(key)
		requireValidationError(t, err, "key", reason)
	}
}

func TestValidateAppSecret(t *testing.T) {
	for _, secret := range []string{"7ad3773142a6692b25b8", "app-secret", "s:e:c", "sécret", "%2F"} {
		if err := domain.ValidateAppSecret(secret); err != nil {
			t.Errorf("ValidateAppSecret(%q) = %v, want nil", secret, err)
		}
	}
	for secret, reason := range map[string]error{
		"":                   domain.ErrEmpty,
		"secret-TOKEN\n":     domain.ErrBadCharacter,
		"secret-TOKEN\x00":   domain.ErrBadCharacter,
		"secret TOKEN":       domain.ErrBadCharacter,
		"\tsecret-TOKEN":     domain.ErrBadCharacter,
		"secret-TOKEN\u00a0": domain.ErrBadCharacter,
		"secret-TOKEN\u2028": domain.ErrBadCharacter,
	} {
		err := domain.ValidateAppSecret(secret)
		ve := requireValidationError(t, err, "secret", reason)
		if secret != "" && (ve.Value != "" || strings.Contains(err.Error(), "TOKEN")) {
			t.Errorf("the error quotes the secret: %v (Value %q)", err, ve.Value)
		}
	}
}
