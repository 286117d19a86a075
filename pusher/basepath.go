package pusher

import (
	"strings"

	"github.com/go-pusher/channels/domain"
)

// WithBasePath sends every request below prefix, for a server mounted
// under a path (soketi's SOKETI_PATH_PREFIX, a reverse proxy's location):
// with WithBasePath("/pusher") a trigger goes to /pusher/apps/{id}/events,
// and the signature covers that whole path. Get, Post and SignedQuery take
// paths below the app as before; the prefix goes in front of them too.
//
// prefix starts with "/" and is made of segments of letters, digits, '-',
// '_', '.' and '~' (no empty, "." or ".." segment, no query or fragment);
// one trailing "/" is dropped, and "" or "/" means no prefix. It must agree
// with the path prefix FromURL found, if any (see WithHost for the rule).
func WithBasePath(prefix string) Option {
	return func(c *config) error {
		p, reason := normalizeBasePath(prefix)
		if reason != "" {
			return &ConfigError{Field: "base_path", Reason: reason}
		}
		return c.endpoint.basePath.set("base_path", p, "WithBasePath")
	}
}

// normalizeBasePath returns prefix without a trailing "/" ("" for no
// prefix), or why it is not a base path.
func normalizeBasePath(prefix string) (string, string) {
	prefix = strings.TrimSuffix(prefix, "/")
	if prefix == "" {
		return "", ""
	}
	if prefix[0] != '/' {
		return "", `want a path starting with "/", e.g. "/pusher"`
	}
	for seg := range strings.SplitSeq(prefix[1:], "/") {
		if !domain.IsPathSegment(seg) {
			return "", `want segments of a-z A-Z 0-9 - _ . ~, none empty, "." or ".."`
		}
	}
	return prefix, ""
}

// endpointURL is where the client's requests go, base path included, as
// String and LogValue show it: scheme://host[:port][base path].
func (c *Client) endpointURL() string {
	return c.baseURL + strings.TrimSuffix(c.appPath, "/apps/"+c.appID)
}
