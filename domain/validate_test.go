package domain_test

import (
	"strings"
	"testing"

	"github.com/go-pusher/channels/domain"
)

func TestValidateSocketID(t *testing.T) {
	tests := []struct {
		name   string
		id     string
		reason error // nil: valid
	}{
		{"typical", "1234.1234", nil},
		{"shortest", "1.2", nil},
		{"zeros", "0.0", nil},
		{"long parts", "123456789012345678901234567890.98765432109876543210", nil},
		{"empty", "", domain.ErrEmpty},
		{"no first part", ".1", domain.ErrBadFormat},
		{"no second part", "1.", domain.ErrBadFormat},
		{"dot only", ".", domain.ErrBadFormat},
		{"no dot", "1234", domain.ErrBadFormat},
		{"two dots together", "1..2", domain.ErrBadFormat},
		{"two dots apart", "1.2.3", domain.ErrBadFormat},
		{"letters", "a.b", domain.ErrBadFormat},
		{"hex", "1a.2", domain.ErrBadFormat},
		{"trailing newline", "1234.1234\n", domain.ErrBadFormat},
		{"leading space", " 1234.1234", domain.ErrBadFormat},
		{"trailing space", "1234.1234 ", domain.ErrBadFormat},
		{"colon injection", "1234.1234:evil", domain.ErrBadFormat},
		{"channel injection", "1.2:private-room", domain.ErrBadFormat},
		{"sign", "-1.2", domain.ErrBadFormat},
		{"plus", "+1.2", domain.ErrBadFormat},
		{"comma", "1,2", domain.ErrBadFormat},
		{"exponent", "1.2e3", domain.ErrBadFormat},
		{"unicode digit", "١.٢", domain.ErrBadFormat},
		{"fullwidth digit", "１.２", domain.ErrBadFormat},
		{"NUL", "1.2\x00", domain.ErrBadFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := domain.ValidateSocketID(tt.id)
			if tt.reason == nil {
				if err != nil {
					t.Fatalf("ValidateSocketID(%q) = %v, want nil", tt.id, err)
				}
				return
			}
			requireValidationError(t, err, "socket_id", tt.reason)
		})
	}
}

func TestValidateEventName(t *testing.T) {
	tests := []struct {
		name   string
		event  string
		reason error
	}{
		{"simple", "my-event", nil},
		{"one character", "e", nil},
		{"client event", "client-typing", nil},
		{"any printable characters", "order:created/v2 #1 %", nil},
		{"200 ASCII", strings.Repeat("e", 200), nil},
		{"200 two-byte runes", strings.Repeat("é", 200), nil},
		{"200 four-byte runes", strings.Repeat("😀", 200), nil},
		{"empty", "", domain.ErrEmpty},
		{"201 ASCII", strings.Repeat("e", 201), domain.ErrTooLong},
		{"201 two-byte runes", strings.Repeat("é", 201), domain.ErrTooLong},
		{"201 four-byte runes", strings.Repeat("😀", 201), domain.ErrTooLong},
		{"invalid byte", "ev\xffent", domain.ErrBadFormat},
		{"lone continuation byte", "\x80", domain.ErrBadFormat},
		{"truncated rune", "é"[:1], domain.ErrBadFormat},
		{"surrogate half", "\xed\xa0\x80", domain.ErrBadFormat},
		{"overlong encoding", "\xc0\xaf", domain.ErrBadFormat},
		{"200 invalid bytes", strings.Repeat("\xff", 200), domain.ErrBadFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := domain.ValidateEventName(tt.event)
			if tt.reason == nil {
				if err != nil {
					t.Fatalf("ValidateEventName(%q) = %v, want nil", tt.event, err)
				}
				return
			}
			requireValidationError(t, err, "event", tt.reason)
		})
	}
}

func TestValidateEventNameTooLongDetail(t *testing.T) {
	err := domain.ValidateEventName(strings.Repeat("é", 201))
	ve := requireValidationError(t, err, "event", domain.ErrTooLong)
	if want := "201 > 200 characters"; ve.Detail != want {
		t.Errorf("Detail = %q, want %q", ve.Detail, want)
	}
}

func TestValidateAppID(t *testing.T) {
	tests := []struct {
		name   string
		id     string
		reason error
	}{
		// Accepted: Pusher's numeric ids and self-hosted servers' own.
		{"typical", "123456", nil},
		{"one digit", "1", nil},
		{"zero", "0", nil},
		{"soketi default", "app-id", nil},
		{"letters", "abc", nil},
		{"digits then letter", "123a", nil},
		{"leading dash", "-1", nil},
		{"decimal", "1.5", nil},
		{"underscore and tilde", "my_app~2", nil},
		{"upper case", "MyApp", nil},
		{"three dots", "...", nil},
		{"long", strings.Repeat("a", 300), nil},
		// Refused: empty, anything a path segment cannot carry unescaped.
		{"empty", "", domain.ErrEmpty},
		{"slash", "a/b", domain.ErrBadFormat},
		{"path injection", "1/../2", domain.ErrBadFormat},
		{"query injection", "1?x=y", domain.ErrBadFormat},
		{"fragment", "1#x", domain.ErrBadFormat},
		{"percent", "a%2Fb", domain.ErrBadFormat},
		{"space", "12 3", domain.ErrBadFormat},
		{"tab", "12\t3", domain.ErrBadFormat},
		{"newline", "12\n", domain.ErrBadFormat},
		{"NUL", "1\x00", domain.ErrBadFormat},
		{"DEL", "1\x7f", domain.ErrBadFormat},
		{"colon", "a:b", domain.ErrBadFormat},
		{"plus", "a+b", domain.ErrBadFormat},
		{"unicode digit", "١٢٣", domain.ErrBadFormat},
		{"unicode letter", "é", domain.ErrBadFormat},
		{"dot segment", ".", domain.ErrBadFormat},
		{"dot-dot segment", "..", domain.ErrBadFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := domain.ValidateAppID(tt.id)
			if tt.reason == nil {
				if err != nil {
					t.Fatalf("ValidateAppID(%q) = %v, want nil", tt.id, err)
				}
				return
			}
			requireValidationError(t, err, "app_id", tt.reason)
		})
	}
}

func TestValidateUserID(t *testing.T) {
	tests := []struct {
		name   string
		id     string
		reason error
	}{
		{"digits", "10", nil},
		{"one character", "u", nil},
		{"every allowed special", "a-_=@,.;z", nil},
		{"email-like", "ann@example.com", nil},
		{"200 bytes", strings.Repeat("u", 200), nil},
		{"empty", "", domain.ErrEmpty},
		{"201 bytes", strings.Repeat("u", 200+1), domain.ErrTooLong},
		{"101 two-byte runes", strings.Repeat("é", 101), domain.ErrTooLong},
		{"space", "user 1", domain.ErrBadCharacter},
		{"colon", "user:1", domain.ErrBadCharacter},
		{"auth string injection", "1::user::{}", domain.ErrBadCharacter},
		{"slash", "a/b", domain.ErrBadCharacter},
		{"percent", "a%20b", domain.ErrBadCharacter},
		{"hash", "#1", domain.ErrBadCharacter},
		{"unicode", "josé", domain.ErrBadCharacter},
		{"newline", "u\n", domain.ErrBadCharacter},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := domain.ValidateUserID(tt.id)
			if tt.reason == nil {
				if err != nil {
					t.Fatalf("ValidateUserID(%q) = %v, want nil", tt.id, err)
				}
				return
			}
			requireValidationError(t, err, "user_id", tt.reason)
		})
	}
}
