package main

import (
	"errors"
	"regexp"
	"strings"

	"github.com/go-pusher/channels/pusher"
)

// isUsage reports whether err is input refused before anything was sent:
// a bad option, credential, channel name, event or data.
func isUsage(err error) bool {
	var cfg *pusher.ConfigError
	return errors.As(err, &cfg) || errors.Is(err, pusher.ErrInvalid)
}

// oneLine renders err on one line, without the library's "pusher: "
// prefix (the tool adds its own).
func oneLine(err error) string {
	return strings.ReplaceAll(strings.Join(strings.Fields(err.Error()), " "), "pusher: ", "")
}

// signedParts matches what a server may echo of a signed request: the
// signing parameters with their values and 64-digit hex HMACs.
var signedParts = regexp.MustCompile(`(?i)(auth_key|auth_timestamp|auth_version|auth_signature|body_md5)=[^&\s"',)\\]*|\b[0-9a-f]{64}\b`)

// minRedactLen is the shortest secret redact looks for: a shorter one is
// found in ordinary words ("s" in "signature") and cannot be kept out of
// text anyway.
const minRedactLen = 6

// redact removes the app secret, the master key and anything that looks
// like a signature or a signed query from s.
func (a *app) redact(s string) string {
	for _, secret := range []string{a.secret, a.masterKey} {
		if len(secret) >= minRedactLen {
			s = strings.ReplaceAll(s, secret, "[redacted]")
		}
	}
	return signedParts.ReplaceAllString(s, "[redacted]")
}
