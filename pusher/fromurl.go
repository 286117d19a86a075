package pusher

import (
	"net/url"
	"os"
	"strings"
)

// EnvURL is the environment variable FromEnv reads.
const EnvURL = "PUSHER_URL"

// FromURL builds a client from a URL of the form
// https://key:secret@api-eu.pusher.com/apps/123: the scheme (http for plain
// HTTP), the host with an optional :port, and the path /apps/{app_id},
// which may follow a prefix for a server mounted under one, as in
// http://key:secret@127.0.0.1:6001/pusher/apps/app-id (see WithBasePath).
// opts are applied too; one that contradicts what the URL says (another
// host, cluster, scheme or base path) is a *ConfigError, see WithHost.
func FromURL(rawURL string, opts ...Option) (*Client, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		// url's error quotes the URL, secret included: say only what is wrong.
		return nil, &ConfigError{Field: "url", Reason: "not a URL"}
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, &ConfigError{Field: "url", Reason: `scheme must be "http" or "https"`}
	}
	if u.User == nil || u.User.Username() == "" {
		return nil, &ConfigError{Field: "url", Reason: "no key in user info"}
	}
	secret, ok := u.User.Password()
	if !ok || secret == "" {
		return nil, &ConfigError{Field: "url", Reason: "no secret in user info"}
	}
	if u.RawQuery != "" || u.Fragment != "" || u.ForceQuery {
		return nil, &ConfigError{Field: "url", Reason: "no query or fragment allowed"}
	}
	prefix, appID, ok := splitAppPath(u.EscapedPath())
	if !ok {
		return nil, &ConfigError{Field: "url", Reason: `path must be "/apps/{app_id}", optionally below a prefix`}
	}
	basePath, reason := normalizeBasePath(prefix)
	if strings.HasSuffix(prefix, "/") {
		reason = "empty path segment"
	}
	if reason != "" {
		return nil, &ConfigError{Field: "url", Reason: "path prefix: " + reason}
	}
	fromURL := func(c *config) error {
		if err := checkHost(u.Host); err != nil {
			return err
		}
		if err := c.endpoint.scheme.set("tls", u.Scheme, "FromURL"); err != nil {
			return err
		}
		if err := c.endpoint.host.set("host", u.Host, "FromURL"); err != nil {
			return err
		}
		return c.endpoint.basePath.set("base_path", basePath, "FromURL")
	}
	return New(appID, u.User.Username(), secret, append([]Option{fromURL}, opts...)...)
}

// splitAppPath splits "[prefix]/apps/{app_id}[/]" into the prefix and the
// app id, which holds no "/". The id is checked by New.
func splitAppPath(path string) (prefix, appID string, ok bool) {
	path = strings.TrimSuffix(path, "/")
	i := strings.LastIndex(path, "/apps/")
	if i < 0 || path[i+len("/apps/"):] == "" || strings.Contains(path[i+len("/apps/"):], "/") {
		return "", "", false
	}
	return path[:i], path[i+len("/apps/"):], true
}

// FromEnv builds a client from the URL in the PUSHER_URL environment
// variable (see FromURL), then applies opts.
func FromEnv(opts ...Option) (*Client, error) {
	v := os.Getenv(EnvURL)
	if v == "" {
		return nil, &ConfigError{Field: EnvURL, Reason: "not set"}
	}
	return FromURL(v, opts...)
}
