package pusher

import (
	"net/url"
	"os"
	"strings"
)

// EnvURL is the environment variable FromEnv reads.
const EnvURL = "PUSHER_URL"

// FromURL builds a client from a URL of the form
// https://key:secret@api-eu.pusher.com/apps/123 (http for plain HTTP, and
// an optional :port), then applies opts, which take precedence.
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
	appID, ok := strings.CutPrefix(strings.TrimSuffix(u.Path, "/"), "/apps/")
	if !ok || appID == "" || strings.Contains(appID, "/") {
		return nil, &ConfigError{Field: "url", Reason: `path must be "/apps/{app_id}"`}
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, &ConfigError{Field: "url", Reason: "no query or fragment allowed"}
	}
	base := []Option{WithHost(u.Host), WithTLS(u.Scheme == "https")}
	return New(appID, u.User.Username(), secret, append(base, opts...)...)
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
