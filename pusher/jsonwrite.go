package pusher

import (
	"slices"
	"unicode/utf8"
)

// appendJSONString appends s as a JSON string literal, escaping as
// encoding/json does (quotes, backslashes, control characters, <, >, &,
// U+2028, U+2029) and replacing invalid UTF-8 with U+FFFD.
func appendJSONString[T string | []byte](dst []byte, s T) []byte {
	const hexDigits = "0123456789abcdef"
	dst = append(slices.Grow(dst, len(s)+2), '"')
	start := 0
	for i := 0; i < len(s); {
		for i < len(s) && jsonSafe[s[i]] {
			i++ // a run of bytes that go in as they are, appended in one go below
		}
		if i == len(s) {
			break
		}
		b := s[i]
		if b < utf8.RuneSelf {
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

// jsonSafe[c] reports whether the byte c goes into a JSON string as it is:
// printable ASCII other than '"', '\\', '<', '>' and '&'. Bytes from 0x80
// up are false: they start a rune that needs a look. It is read only.
var jsonSafe = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = true
	}
	for _, c := range `"\<>&` {
		t[c] = false
	}
	return t
}()
