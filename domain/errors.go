package domain

import (
	"errors"
	"strconv"
	"unicode/utf8"
)

// ErrInvalid is matched by every *ValidationError: errors.Is(err, ErrInvalid)
// tells a caller that its own input was refused before anything was sent.
var ErrInvalid = errors.New("invalid input")

// The reasons a ValidationError carries; match them with errors.Is.
var (
	ErrEmpty        = errors.New("empty")
	ErrTooLong      = errors.New("too long")
	ErrBadCharacter = errors.New("contains a character that is not allowed")
	ErrBadFormat    = errors.New("malformed")
	ErrTooMany      = errors.New("too many")
	ErrTooFew       = errors.New("too few")
	ErrTooLarge     = errors.New("too large")
	ErrNotAllowed   = errors.New("not allowed")
)

// maxQuotedValue caps how much of an offending value an error message quotes.
const maxQuotedValue = 64

// ValidationError reports input that breaks one of the service's rules. It
// names the field, the rule broken and, where it is safe and short, the
// offending value. Event data is never quoted.
type ValidationError struct {
	// Field names what was wrong, e.g. "channel", "event", "socket_id",
	// "channels", "batch", "data", "user_id".
	Field string
	// Value is the offending value, cut to 64 bytes; empty where quoting it
	// would leak data.
	Value string
	// Reason is one of the reason sentinels (ErrEmpty, ErrTooLong, ...).
	Reason error
	// Detail says more in words, e.g. "201 > 200 characters".
	Detail string
}

// Error renders the field, the value, the reason and the detail.
func (e *ValidationError) Error() string {
	if e == nil {
		return "pusher: invalid input (nil *ValidationError)"
	}
	msg := "pusher: invalid " + e.Field
	if e.Value != "" {
		msg += " " + strconv.Quote(e.Value)
	}
	if e.Reason != nil {
		msg += ": " + e.Reason.Error()
	}
	if e.Detail != "" {
		msg += " (" + e.Detail + ")"
	}
	return msg
}

// Unwrap returns the reason, so errors.Is(err, ErrTooLong) works.
func (e *ValidationError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Reason
}

// Is reports whether target is ErrInvalid; every ValidationError but a nil
// one is.
func (e *ValidationError) Is(target error) bool { return e != nil && target == ErrInvalid }

// invalid builds a ValidationError quoting at most maxQuotedValue bytes of
// value, cut on a rune boundary so the quote never ends in half a character.
func invalid(field, value string, reason error, detail string) *ValidationError {
	if len(value) > maxQuotedValue {
		cut := maxQuotedValue
		for back := 0; back < utf8.UTFMax-1 && cut > 0 && !utf8.RuneStart(value[cut]); back++ {
			cut--
		}
		value = value[:cut] + "…"
	}
	return &ValidationError{Field: field, Value: value, Reason: reason, Detail: detail}
}

// countDetail renders "got > limit unit".
func countDetail(got, limit int, unit string) string {
	return strconv.Itoa(got) + " > " + strconv.Itoa(limit) + " " + unit
}
