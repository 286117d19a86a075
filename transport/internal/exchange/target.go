package exchange

import "strings"

// CheckTarget returns nil if raw is a URL ParseTarget accepts. A URL of
// the shape a client builds (http(s), a host name or address and an
// optional port, then a path and query of bytes that need no escaping)
// passes with one scan and no allocation; any other goes through
// ParseTarget.
func CheckTarget(raw string) error {
	if isPlainTarget(raw) {
		return nil
	}
	_, err := ParseTarget(raw)
	return err
}

// isPlainTarget reports whether raw is scheme://host[:port]/path[?query]
// with http or https, a host of letters, digits, '.' and '-', a port of
// digits, and a path and query holding only bytes a URL carries as they
// are (no '%', whose escapes ParseTarget checks).
func isPlainTarget(raw string) bool {
	rest, ok := strings.CutPrefix(raw, "https://")
	if !ok {
		if rest, ok = strings.CutPrefix(raw, "http://"); !ok {
			return false
		}
	}
	slash := strings.IndexByte(rest, '/')
	if slash < 0 {
		return false
	}
	host, port, hasPort := strings.Cut(rest[:slash], ":")
	if host == "" || !isHostName(host) || (hasPort && (port == "" || !isDigits(port))) {
		return false
	}
	path, query, _ := strings.Cut(rest[slash:], "?")
	return isPlainPath(path) && isQuery(query)
}

func isHostName(s string) bool { return all(s, hostByte) }

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isPlainPath reports whether path holds only bytes that a URL path carries
// as they are.
func isPlainPath(path string) bool { return all(path, pathByte) }
