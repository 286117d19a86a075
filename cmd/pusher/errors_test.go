package main

import "testing"

// TestRedact: the secret, the master key, signing parameters and HMACs
// are cut from error text; a secret too short to be told from ordinary
// words leaves the text alone.
func TestRedact(t *testing.T) {
	hmac := "30ca0cb8959a60f0158dfc798fd3960463d6e1f6b536ca528c243cdc9e68bf45"
	for _, tc := range []struct {
		secret, master, in, want string
	}{
		{"the-secret", "", "bad the-secret here", "bad [redacted] here"},
		{"", "MDEyMzQ1Njc4OTAx", "key MDEyMzQ1Njc4OTAx", "key [redacted]"},
		{"", "", `sent "POST\n/apps/1\nauth_key=k&auth_timestamp=1&auth_version=1.0&body_md5=ab"`, `sent "POST\n/apps/1\n[redacted]&[redacted]&[redacted]&[redacted]"`},
		{"", "", "got " + hmac + ".", "got [redacted]."},
		{"s", "", "webhook signature invalid", "webhook signature invalid"},
	} {
		a := &app{secret: tc.secret, masterKey: tc.master}
		if got := a.redact(tc.in); got != tc.want {
			t.Errorf("redact(%q) with secret %q = %q, want %q", tc.in, tc.secret, got, tc.want)
		}
	}
}
