package exchange

import (
	"strings"
	"sync/atomic"
)

// TargetChecker checks URLs as ParseTarget does, remembering the last
// scheme://host that passed so that the next URL with the same prefix
// needs only a scan of its path and query, without parsing or allocating.
// A client sends every request to one host, so that is nearly every call.
// The zero TargetChecker is ready; it is safe for concurrent use.
type TargetChecker struct {
	prefix atomic.Pointer[string] // "scheme://host" of the last good URL
}

// Check returns nil if raw is a URL ParseTarget accepts.
func (c *TargetChecker) Check(raw string) error {
	if p := c.prefix.Load(); p != nil && len(raw) > len(*p) && raw[len(*p)] == '/' && strings.HasPrefix(raw, *p) {
		path, query, _ := strings.Cut(raw[len(*p):], "?")
		if isPlainPath(path) && isQuery(query) && strings.IndexByte(query, '#') < 0 {
			return nil
		}
	}
	if _, err := ParseTarget(raw); err != nil {
		return err
	}
	if i := strings.Index(raw, "://"); i >= 0 {
		if j := strings.IndexByte(raw[i+3:], '/'); j >= 0 {
			prefix := raw[:i+3+j]
			c.prefix.Store(&prefix)
		}
	}
	return nil
}

// isPlainPath reports whether path holds only bytes that a URL path carries
// as they are (no '%', which ParseTarget has to check for round trips).
func isPlainPath(path string) bool {
	for i := 0; i < len(path); i++ {
		c := path[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case strings.IndexByte("-._~!$&'()*+,;=:@/", c) >= 0:
		default:
			return false
		}
	}
	return true
}
