// Package exchange holds what every transport adapter does around one HTTP
// exchange, by the contract in package transport: the request checks made
// before sending (a valid method and headers, an absolute http(s) URL that
// can go on the wire byte for byte), reading a body under the cap, and the
// error an adapter returns, which never quotes the signed query.
package exchange

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/go-pusher/channels/transport"
)

// Request validates everything about req except its URL.
func Request(req *transport.Request) error {
	if req == nil {
		return fmt.Errorf("%w: nil request", transport.ErrInvalidRequest)
	}
	if req.Method != "" && !isToken(req.Method) {
		return fmt.Errorf("%w: method %q is not an HTTP token", transport.ErrInvalidRequest, req.Method)
	}
	for name, values := range req.Header {
		if !isToken(name) {
			return fmt.Errorf("%w: header name %q is not an HTTP token", transport.ErrInvalidRequest, name)
		}
		for _, v := range values {
			if !isFieldValue(v) {
				return fmt.Errorf("%w: header %s holds a control character", transport.ErrInvalidRequest, name)
			}
		}
	}
	return nil
}

// ParseTarget parses an absolute http(s) URL and makes sure it can be sent
// byte for byte: RawPath is set to the path exactly as written (so
// EscapedPath returns it unchanged), and the query is left as RawQuery.
// An error may quote raw: adapters return it through Fail, which cuts the
// signed query.
func ParseTarget(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("%w: URL does not parse: %w", transport.ErrInvalidRequest, err)
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, fmt.Errorf("%w: URL scheme %q is not http or https", transport.ErrInvalidRequest, u.Scheme)
	case u.Opaque != "" || u.Host == "":
		return nil, fmt.Errorf("%w: URL has no host", transport.ErrInvalidRequest)
	case u.User != nil:
		return nil, fmt.Errorf("%w: URL holds user info, which is never sent", transport.ErrInvalidRequest)
	case u.Fragment != "" || strings.Contains(raw, "#"):
		return nil, fmt.Errorf("%w: URL has a fragment, which is never sent", transport.ErrInvalidRequest)
	case !isQuery(u.RawQuery):
		return nil, fmt.Errorf("%w: URL query holds a byte that must be percent-encoded", transport.ErrInvalidRequest)
	}
	u.RawPath = rawPath(raw)
	if u.EscapedPath() != u.RawPath {
		return nil, fmt.Errorf("%w: URL path holds a byte that must be percent-encoded", transport.ErrInvalidRequest)
	}
	return u, nil
}

// rawPath returns the path of an absolute URL exactly as written.
func rawPath(raw string) string {
	_, rest, ok := strings.Cut(raw, "://")
	if !ok {
		return ""
	}
	i := strings.IndexAny(rest, "/?#")
	if i < 0 || rest[i] != '/' {
		return ""
	}
	rest = rest[i:]
	if j := strings.IndexAny(rest, "?#"); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

// isToken reports whether s is an RFC 9110 token.
func isToken(s string) bool { return s != "" && all(s, tokenByte) }

// isFieldValue reports whether v holds no control character but tab.
func isFieldValue(v string) bool {
	for i := 0; i < len(v); i++ {
		if c := v[i]; (c < ' ' && c != '\t') || c == 0x7f {
			return false
		}
	}
	return true
}

// isQuery reports whether q holds only bytes allowed in a URL query.
func isQuery(q string) bool { return all(q, queryByte) }
