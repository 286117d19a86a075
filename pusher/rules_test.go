package pusher_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/go-pusher/channels/domain"
	"github.com/go-pusher/channels/pusher"
)

// TestUserIDRuleIsOne: every user id AuthenticateUser accepts (up to 200
// bytes) can be sent to and have its connections terminated; one byte more
// is refused by all three with an error naming the user id.
func TestUserIDRuleIsOne(t *testing.T) {
	ctx := context.Background()
	for _, n := range []int{1, 184, 185, 199, 200} {
		id := strings.Repeat("u", n)
		c, d := newRecordingClient(t)
		if _, err := c.AuthenticateUser("1.2", pusher.User{ID: id}); err != nil {
			t.Errorf("AuthenticateUser(%d bytes): %v", n, err)
		}
		if err := c.SendToUser(ctx, id, "ev", "data"); err != nil {
			t.Errorf("SendToUser(%d bytes): %v", n, err)
		}
		if err := c.TerminateUserConnections(ctx, id); err != nil {
			t.Errorf("TerminateUserConnections(%d bytes): %v", n, err)
		}
		if d.Calls() != 2 {
			t.Errorf("%d bytes: %d requests, want 2", n, d.Calls())
		}
	}
	id := strings.Repeat("u", 201)
	c, d := newRecordingClient(t)
	_, errAuth := c.AuthenticateUser("1.2", pusher.User{ID: id})
	errSend := c.SendToUser(ctx, id, "ev", "data")
	errTerm := c.TerminateUserConnections(ctx, id)
	for _, err := range []error{errAuth, errSend, errTerm} {
		var v *pusher.ValidationError
		if !errors.As(err, &v) || v.Field != "user_id" || !errors.Is(err, domain.ErrTooLong) {
			t.Errorf("201-byte user id: err = %v, want a user_id ValidationError", err)
		}
	}
	if d.Calls() != 0 {
		t.Errorf("%d requests sent for a refused user id", d.Calls())
	}
}

// TestDotSegmentsAreRefused: "." and ".." never become a path segment,
// whether as a channel name, a user id or a generic path.
func TestDotSegmentsAreRefused(t *testing.T) {
	ctx := context.Background()
	c, d := newRecordingClient(t)
	for _, name := range []string{".", ".."} {
		_, errCh := c.Channel(ctx, name)
		_, errUsers := c.Users(ctx, name)
		errTerm := c.TerminateUserConnections(ctx, name)
		errSend := c.SendToUser(ctx, name, "ev", "data")
		_, errTrig := c.Trigger(ctx, name, "ev", "data")
		for _, err := range []error{errCh, errUsers, errTerm, errSend, errTrig} {
			var v *pusher.ValidationError
			if !errors.As(err, &v) {
				t.Errorf("%q: err = %v, want a *ValidationError", name, err)
			}
		}
	}
	for _, path := range []string{"/.", "/..", "/channels/.", "/channels/..", "/./channels", "/../x", "/a/./b", "/a/../b"} {
		_, errGet := c.Get(ctx, path, nil)
		_, errPost := c.Post(ctx, path, []byte("{}"))
		_, errSQ := c.SignedQuery("GET", path, nil, nil)
		for _, err := range []error{errGet, errPost, errSQ} {
			var v *pusher.ValidationError
			if !errors.As(err, &v) {
				t.Errorf("path %q: err = %v, want a *ValidationError", path, err)
			}
		}
	}
	if d.Calls() != 0 {
		for _, r := range d.Requests() {
			t.Errorf("sent %s %s", r.Method, r.Path())
		}
	}
	// Dots inside a segment are fine.
	if _, err := c.Channel(ctx, "a..b"); err != nil {
		t.Errorf("Channel(a..b): %v", err)
	}
	if _, err := c.Get(ctx, "/channels/...", nil); err != nil {
		t.Errorf("Get(/channels/...): %v", err)
	}
}

// TestEmptyPathSegmentsAreRefused: Get, Post and SignedQuery refuse a path
// with an empty segment ("//", which a normalising proxy collapses, or a
// trailing "/") and send nothing.
func TestEmptyPathSegmentsAreRefused(t *testing.T) {
	ctx := context.Background()
	c, d := newRecordingClient(t)
	for _, path := range []string{"/", "//evil", "//", "/channels//x", "/channels/", "/channels//", "///channels"} {
		_, errGet := c.Get(ctx, path, nil)
		_, errPost := c.Post(ctx, path, []byte("{}"))
		_, errSQ := c.SignedQuery("GET", path, nil, nil)
		for call, err := range map[string]error{"Get": errGet, "Post": errPost, "SignedQuery": errSQ} {
			var v *pusher.ValidationError
			if !errors.As(err, &v) || v.Field != "path" || !errors.Is(err, domain.ErrBadFormat) {
				t.Errorf("%s(%q): err = %v, want a path *ValidationError", call, path, err)
			}
		}
	}
	for _, r := range d.Requests() {
		t.Errorf("sent %s %s", r.Method, r.Path())
	}
	if _, err := c.Get(ctx, "/channels/x", nil); err != nil {
		t.Errorf("Get(/channels/x): %v", err)
	}
}

// TestEmptyMasterKeyIsAConfigError: an explicitly empty key does not
// silently turn encryption off.
func TestEmptyMasterKeyIsAConfigError(t *testing.T) {
	for _, key := range []string{"", "   "} {
		_, err := pusher.New("1", "key", "secret", pusher.WithEncryptionMasterKeyBase64(key))
		var cfgErr *pusher.ConfigError
		if !errors.As(err, &cfgErr) || cfgErr.Field != "encryption_master_key" {
			t.Errorf("WithEncryptionMasterKeyBase64(%q): err = %v, want a *ConfigError", key, err)
		}
	}
}
