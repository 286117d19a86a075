package domain_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/go-pusher/channels/domain"
)

// reasons lists every reason sentinel, so a test can check that an error
// matches its own reason and no other.
var reasons = []error{
	domain.ErrEmpty,
	domain.ErrTooLong,
	domain.ErrBadCharacter,
	domain.ErrBadFormat,
	domain.ErrTooMany,
	domain.ErrTooFew,
	domain.ErrTooLarge,
	domain.ErrNotAllowed,
}

// maxQuotedBytes is the most a ValidationError may quote of a value: 64
// bytes plus the ellipsis that marks a cut.
const maxQuotedBytes = 64 + len("…")

// requireValidationError checks everything a caller may rely on in a
// validation error: it is ErrInvalid, it is reason and no other reason, it is
// a *ValidationError for field, its message names the field and the reason,
// and it quotes at most a short prefix of the value.
func requireValidationError(t *testing.T, err error, field string, reason error) *domain.ValidationError {
	t.Helper()
	if err == nil {
		t.Fatalf("got nil error, want %s error on field %q", reason, field)
	}
	if !errors.Is(err, domain.ErrInvalid) {
		t.Errorf("errors.Is(%v, ErrInvalid) = false", err)
	}
	for _, r := range reasons {
		if got, want := errors.Is(err, r), r == reason; got != want {
			t.Errorf("errors.Is(%v, %q) = %v, want %v", err, r, got, want)
		}
	}
	var ve *domain.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("errors.As(%v, *ValidationError) = false (type %T)", err, err)
	}
	if ve.Field != field {
		t.Errorf("Field = %q, want %q", ve.Field, field)
	}
	if ve.Reason != reason {
		t.Errorf("Reason = %v, want %v", ve.Reason, reason)
	}
	msg := err.Error()
	if !strings.Contains(msg, "invalid "+field) {
		t.Errorf("message %q does not name the field %q", msg, field)
	}
	if !strings.Contains(msg, reason.Error()) {
		t.Errorf("message %q does not state the reason %q", msg, reason)
	}
	if len(ve.Value) > maxQuotedBytes {
		t.Errorf("Value is %d bytes, want at most %d", len(ve.Value), maxQuotedBytes)
	}
	return ve
}
