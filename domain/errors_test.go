package domain_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/go-pusher/channels/domain"
)

// TestValidationErrorTruncatesLongValues feeds every validator a 1000-byte
// value and checks that the message quotes a 64-byte prefix, not all of it.
func TestValidationErrorTruncatesLongValues(t *testing.T) {
	long := func(s string) string { return strings.Repeat(s, 1000/len(s)) }
	tests := []struct {
		name     string
		validate func(string) error
		value    string
		field    string
		reason   error
	}{
		{"channel too long", domain.ValidateChannelName, long("a"), "channel", domain.ErrTooLong},
		{"user id too long", domain.ValidateUserID, long("u"), "user_id", domain.ErrTooLong},
		{"event too long", domain.ValidateEventName, long("e"), "event", domain.ErrTooLong},
		{"socket id malformed", domain.ValidateSocketID, long("1"), "socket_id", domain.ErrBadFormat},
		{"app id malformed", domain.ValidateAppID, long("x/"), "app_id", domain.ErrBadFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if len(tt.value) != 1000 {
				t.Fatalf("test value is %d bytes, want 1000", len(tt.value))
			}
			err := tt.validate(tt.value)
			ve := requireValidationError(t, err, tt.field, tt.reason)
			msg := err.Error()
			if strings.Contains(msg, tt.value) {
				t.Fatalf("message quotes the whole 1000-byte value: %d bytes", len(msg))
			}
			if want := tt.value[:64] + "…"; ve.Value != want {
				t.Errorf("Value = %q, want the first 64 bytes and an ellipsis", ve.Value)
			}
			if !strings.Contains(msg, tt.value[:64]+"…") {
				t.Errorf("message %q does not quote the 64-byte prefix", msg)
			}
			if strings.Contains(msg, tt.value[:65]) {
				t.Errorf("message quotes more than 64 bytes: %q", msg)
			}
			if len(msg) > 250 {
				t.Errorf("message is %d bytes, want a short one: %q", len(msg), msg)
			}
		})
	}
}

// TestValidationErrorCutsOnRuneBoundary checks that cutting a long value
// never leaves half a character at the end of the quote.
func TestValidationErrorCutsOnRuneBoundary(t *testing.T) {
	for _, r := range []string{"é", "€", "😀"} {
		for pad := 0; pad < 4; pad++ {
			name := strings.Repeat("x", pad) + strings.Repeat(r, 201)
			t.Run(fmt.Sprintf("%s pad %d", r, pad), func(t *testing.T) {
				err := domain.ValidateEventName(name)
				ve := requireValidationError(t, err, "event", domain.ErrTooLong)
				if !utf8.ValidString(ve.Value) {
					t.Errorf("Value %q is not valid UTF-8", ve.Value)
				}
				prefix := strings.TrimSuffix(ve.Value, "…")
				if prefix == ve.Value {
					t.Fatalf("Value %q has no ellipsis", ve.Value)
				}
				if !strings.HasPrefix(name, prefix) {
					t.Errorf("Value %q is not a prefix of the input", ve.Value)
				}
				if len(prefix) > 64 || len(prefix) < 64-utf8.UTFMax+1 {
					t.Errorf("quoted prefix is %d bytes, want 61..64", len(prefix))
				}
				if strings.Contains(err.Error(), `\x`) {
					t.Errorf("message %q contains an escaped half rune", err.Error())
				}
			})
		}
	}
}

func TestValidationErrorShortValueQuotedWhole(t *testing.T) {
	err := domain.ValidateChannelName("my channel")
	ve := requireValidationError(t, err, "channel", domain.ErrBadCharacter)
	if ve.Value != "my channel" {
		t.Errorf("Value = %q, want %q", ve.Value, "my channel")
	}
	want := `pusher: invalid channel "my channel": contains a character that is not allowed (allowed: a-z A-Z 0-9 - _ = @ , . ;)`
	if got := err.Error(); got != want {
		t.Errorf("Error() = %q\nwant      %q", got, want)
	}
}

func TestValidationErrorRendering(t *testing.T) {
	tests := []struct {
		name string
		err  *domain.ValidationError
		want string
	}{
		{"field only", &domain.ValidationError{Field: "x"}, "pusher: invalid x"},
		{"with value", &domain.ValidationError{Field: "x", Value: "v"}, `pusher: invalid x "v"`},
		{"with reason", &domain.ValidationError{Field: "x", Reason: domain.ErrEmpty}, "pusher: invalid x: empty"},
		{"everything", &domain.ValidationError{Field: "x", Value: "v", Reason: domain.ErrTooLong, Detail: "3 > 2 bytes"}, `pusher: invalid x "v": too long (3 > 2 bytes)`},
		{"control characters quoted", &domain.ValidationError{Field: "x", Value: "a\nb"}, `pusher: invalid x "a\nb"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestValidationErrorWrapped(t *testing.T) {
	err := fmt.Errorf("trigger: %w", domain.ValidateSocketID("1.2.3"))
	requireValidationError(t, err, "socket_id", domain.ErrBadFormat)
	if errors.Is(domain.ErrEmpty, domain.ErrInvalid) {
		t.Error("a bare reason sentinel must not match ErrInvalid")
	}
	if errors.Is(errors.New("invalid input"), domain.ErrInvalid) {
		t.Error("an unrelated error with the same text must not match ErrInvalid")
	}
}
