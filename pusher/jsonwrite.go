package pusher

import "unicode/utf8"

// appendJSONString appends s as a JSON string literal, escaping as
// encoding/json does (quotes, backslashes, control characters, <, >, &,
// U+2028, U+2029) and replacing invalid UTF-8 with U+FFFD.
func appendJSONString[T string | []byte](dst []byte, s T) []byte {
	const hexDigits = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if isJSONSafe(b) {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '"', '\\':
				dst = append(dst, '\\', b)
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := decodeRune(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// decodeRune decodes the first rune of s, a string or a byte slice,
// without converting (and so copying) it.
func decodeRune[T string | []byte](s T) (rune, int) {
	var window [utf8.UTFMax]byte
	n := copy(window[:], s)
	return utf8.DecodeRune(window[:n])
}

// isJSONSafe reports whether the ASCII byte c goes into a JSON string as it
// is: printable, and not '"', '\\', '<', '>' or '&'. Two constant masks
// make it a shift and a test.
func isJSONSafe(c byte) bool {
	switch {
	case c < 0x40:
		return jsonSafeLo&(1<<c) != 0
	case c < 0x80:
		return jsonSafeHi&(1<<(c-0x40)) != 0
	}
	return false
}

const (
	// Bytes 0x20-0x3f without '"' (0x22), '&' (0x26), '<' (0x3c), '>' (0x3e).
	jsonSafeLo uint64 = (1<<0x40 - 1) &^ (1<<0x20 - 1) &^ (1<<0x22 | 1<<0x26 | 1<<0x3c | 1<<0x3e)
	// Bytes 0x40-0x7f without '\\' (0x5c).
	jsonSafeHi uint64 = ^uint64(0) &^ (1 << (0x5c - 0x40))
)
