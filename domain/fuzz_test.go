package domain_test

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/go-pusher/channels/domain"
)

// Independent statements of the rules, written as regular expressions. The
// fuzz targets below fail on any input where a validator and its regexp
// disagree.
var (
	// A channel is a name, or "#server-to-user-" followed by a user id; a
	// name and a user id are 1-200 bytes of the name set, but "." and "..".
	channelNameRE = regexp.MustCompile(`^(?:` + nameRE + `|#server-to-user-` + nameRE + `)$`)
	socketIDRE    = regexp.MustCompile(`^[0-9]+\.[0-9]+$`)
	userIDRE      = regexp.MustCompile(`^` + nameRE + `$`)
)

// nameRE is 1-200 bytes of [-a-zA-Z0-9_=@,.;] but "." and "..": three or
// more bytes, or one or two with a byte other than '.'.
const nameRE = `(?:[-a-zA-Z0-9_=@,.;]{3,200}|[-a-zA-Z0-9_=@,.;][-a-zA-Z0-9_=@,;]|[-a-zA-Z0-9_=@,;][-a-zA-Z0-9_=@,.;]|[-a-zA-Z0-9_=@,;])`

// checkAgainstRegexp fails t if validate and re disagree about s, and checks
// that any refusal is a well-formed ValidationError for field.
func checkAgainstRegexp(t *testing.T, validate func(string) error, re *regexp.Regexp, field, s string) {
	t.Helper()
	err := validate(s)
	want := re.MatchString(s)
	if got := err == nil; got != want {
		t.Fatalf("%q: validator accepts = %v, regexp accepts = %v (err: %v)", s, got, want, err)
	}
	if err == nil {
		return
	}
	if !errors.Is(err, domain.ErrInvalid) {
		t.Fatalf("%q: errors.Is(err, ErrInvalid) = false: %v", s, err)
	}
	var ve *domain.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("%q: error is %T, want *ValidationError", s, err)
	}
	if ve.Field != field {
		t.Fatalf("%q: Field = %q, want %q", s, ve.Field, field)
	}
	if ve.Reason == nil || !errors.Is(err, ve.Reason) {
		t.Fatalf("%q: Reason = %v, want a sentinel the error matches", s, ve.Reason)
	}
	if len(ve.Value) > maxQuotedBytes {
		t.Fatalf("%q: Value is %d bytes, want at most %d", s, len(ve.Value), maxQuotedBytes)
	}
	if !strings.HasPrefix(s, strings.TrimSuffix(ve.Value, "…")) {
		t.Fatalf("%q: Value %q is not a prefix of the input", s, ve.Value)
	}
	if !strings.Contains(err.Error(), "invalid "+field) {
		t.Fatalf("%q: message %q does not name the field", s, err)
	}
}

func FuzzValidateChannelName(f *testing.F) {
	for _, s := range []string{
		"", "a", "my-channel", "private-room", "presence-room", "private-encrypted-room",
		"-_=@,.;", "a b", "a#b", "a/b", "a%b", "a:b", "café", "a\n", "\x00", "\xff",
		"#server-to-user-abc", "#server-to-user-", "#server-to-user", "#other", "#",
		strings.Repeat("a", 200), strings.Repeat("a", 201),
		"#server-to-user-" + strings.Repeat("u", 184), "#server-to-user-" + strings.Repeat("u", 185),
		"#server-to-user-" + strings.Repeat("u", 200), "#server-to-user-" + strings.Repeat("u", 201),
		".", "..", "...", ".a", "a.", "#server-to-user-.", "#server-to-user-..",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkAgainstRegexp(t, domain.ValidateChannelName, channelNameRE, "channel", s)
	})
}

func FuzzValidateSocketID(f *testing.F) {
	for _, s := range []string{
		"", "1234.1234", "1.2", "0.0", ".1", "1.", ".", "1..2", "1.2.3", "a.b",
		"1234.1234\n", "1234.1234:evil", " 1.2", "-1.2", "1e3.2", "١.٢", "1.2\x00",
		strings.Repeat("9", 300) + "." + strings.Repeat("9", 300),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkAgainstRegexp(t, domain.ValidateSocketID, socketIDRE, "socket_id", s)
	})
}

func FuzzValidateUserID(f *testing.F) {
	for _, s := range []string{
		"", "10", "u", "a-_=@,.;z", "ann@example.com", "user 1", "user:1", "1::user::{}",
		"josé", "u\n", "#1", "\xff", strings.Repeat("u", 200), strings.Repeat("u", 201),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkAgainstRegexp(t, domain.ValidateUserID, userIDRE, "user_id", s)
	})
}
