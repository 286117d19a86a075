package domain

import "unicode"

// ValidateAppKey checks an app key: one or more printable ASCII characters
// other than ':' and space. Pusher's keys are hex; the rule is wider so that
// self-hosted servers' keys such as "app-key" pass, and refuses what breaks
// the places a key goes: the auth_key query parameter, the X-Pusher-Key
// header and the "key:signature" auth strings, which end the key at its
// first ':'.
func ValidateAppKey(key string) error {
	if key == "" {
		return invalid("key", key, ErrEmpty, "")
	}
	for i := 0; i < len(key); i++ {
		if c := key[i]; c <= ' ' || c > '~' || c == ':' {
			return invalid("key", key, ErrBadCharacter, "want printable ASCII other than ':' and space")
		}
	}
	return nil
}

// ValidateAppSecret checks an app secret: one or more characters, none of
// them a control character or white space (a secret read from a file with
// its newline would sign nothing the service accepts). Its error never
// quotes the secret.
func ValidateAppSecret(secret string) error {
	if secret == "" {
		return invalid("secret", "", ErrEmpty, "")
	}
	for _, r := range secret {
		if unicode.IsControl(r) || unicode.IsSpace(r) {
			return invalid("secret", "", ErrBadCharacter, "a control character or white space")
		}
	}
	return nil
}
