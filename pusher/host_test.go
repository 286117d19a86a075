package pusher_test

import (
	"errors"
	"testing"

	"github.com/go-pusher/channels/pusher"
)

// TestWithHostForms accepts "host", "host:port" and a bracketed IPv6
// address, and refuses at New what cannot be a host (control characters,
// backslashes, unbalanced brackets, signed or empty ports, empty labels)
// rather than failing every call.
func TestWithHostForms(t *testing.T) {
	for host, ok := range map[string]bool{
		"api-eu.pusher.com": true,
		"127.0.0.1:6001":    true,
		"[::1]:6001":        true,
		"[::1]":             true,
		"::1":               false,
		"::1:6001":          false,
		"host:0":            false,
		"host:65536":        false,
		"http://host":       false,
		"user@host":         false,
		"":                  false,
		"localhost":         true,
		"soketi_1:6001":     true,
		"example.com.":      true,
		"10.0.0.1":          true,
		"[2001:db8::1]:443": true,
		"h\x00":             false,
		"h\x7f":             false,
		"[::1":              false,
		"::1]":              false,
		"[::1]x":            false,
		"[::1]:":            false,
		"[]":                false,
		"[not-ip]:80":       false,
		"host:+80":          false,
		"host:-80":          false,
		"host: 80":          false,
		"host:":             false,
		":80":               false,
		`a\b`:               false,
		"a..b":              false,
		".a":                false,
		"a%2fb":             false,
		"-a.com":            false,
		"a-.com":            false,
		"h\u00e9st":         false,
		"a.b:99999":         false,
	} {
		_, err := pusher.New("1", "key", "secret", pusher.WithHost(host))
		var cfgErr *pusher.ConfigError
		switch {
		case ok && err != nil:
			t.Errorf("WithHost(%q): %v", host, err)
		case !ok && !errors.As(err, &cfgErr):
			t.Errorf("WithHost(%q): err = %v, want a *ConfigError", host, err)
		}
	}
}
