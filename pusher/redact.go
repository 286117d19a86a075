package pusher

import "strings"

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
