package exchange

// Classes of bytes, as bits of byteClass: which parts of a request a byte
// may appear in as it is.
const (
	tokenByte = 1 << iota // an RFC 9110 tchar
	queryByte             // a URL query's: printable ASCII but space, '"', '#', '<', '>', '\\', '^', '`', '{', '|', '}'
	pathByte              // a URL path's, without '%' (whose escapes ParseTarget checks)
	hostByte              // a host name's: letter, digit, '.', '-'
)

// byteClass is built once and only read.
var byteClass = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		letterOrDigit := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
		if letterOrDigit || contains("!#$%&'*+-.^_`|~", c) {
			t[c] |= tokenByte
		}
		if c > ' ' && c < 0x7f && !contains("\"#<>\\^`{|}", c) {
			t[c] |= queryByte
		}
		if letterOrDigit || contains("-._~!$&'()*+,;=:@/", c) {
			t[c] |= pathByte
		}
		if letterOrDigit || c == '.' || c == '-' {
			t[c] |= hostByte
		}
	}
	return t
}()

func contains(set string, c int) bool {
	for i := 0; i < len(set); i++ {
		if int(set[i]) == c {
			return true
		}
	}
	return false
}

// all reports whether every byte of s is of class.
func all(s string, class uint8) bool {
	for i := 0; i < len(s); i++ {
		if byteClass[s[i]]&class == 0 {
			return false
		}
	}
	return true
}
