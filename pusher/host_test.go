package pusher_test

import (
	"errors"
	"testing"

	"github.com/go-pusher/channels/pusher"
)

// TestWithHostForms accepts "host", "host:port" and a bracketed IPv6
// address, and refuses what cannot be a host.
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
