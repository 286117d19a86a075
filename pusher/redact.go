package pusher

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// redactQueries removes the query of every URL in s: from each '?' to the
// next quote, space or end, so a signed query quoted by a transport's error
// never reaches a message.
func redactQueries(s string) string {
	i := strings.IndexByte(s, '?')
	if i < 0 {
		return s
	}
	var b strings.Builder
	for i >= 0 {
		b.WriteString(s[:i])
		b.WriteString("?[redacted]")
		s = s[i+1:]
		end := strings.IndexAny(s, "\" '\n")
		if end < 0 {
			s = ""
		} else {
			s = s[end:]
		}
		i = strings.IndexByte(s, '?')
	}
	b.WriteString(s)
	return b.String()
}

// redactSignatures replaces every run of 64 or more hex digits in s (the
// shape of an HMAC-SHA256 signature, which Pusher echoes in 401 bodies) with
// "[redacted]".
func redactSignatures(s string) string {
	var b strings.Builder
	run := 0
	flush := func(end int) {
		if run >= signatureHexLen {
			b.WriteString("[redacted]")
		} else {
			b.WriteString(s[end-run : end])
		}
		run = 0
	}
	for i := 0; i < len(s); i++ {
		if isHex(s[i]) {
			run++
			continue
		}
		flush(i)
		b.WriteByte(s[i])
	}
	flush(len(s))
	return b.String()
}

// signatureHexLen is the length of a hex HMAC-SHA256 signature.
const signatureHexLen = 64

// isHex reports whether c is a hex digit.
func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// withoutURL returns err with the URL of a *url.Error it is, or directly
// wraps, cut to scheme, host and path: a transport that returns net/http's
// error as it is would otherwise hand the signed query to anyone who
// unwraps a TransportError.
func withoutURL(err error) error {
	var ue *url.Error
	if !errors.As(err, &ue) {
		return err
	}
	clean := &url.Error{Op: ue.Op, URL: redactQueries(ue.URL), Err: ue.Err}
	if err == error(ue) {
		return clean
	}
	return fmt.Errorf("%s: %w", redactQueries(err.Error()), clean)
}
