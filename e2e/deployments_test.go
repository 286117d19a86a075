//go:build e2e

package e2e

import (
	"testing"

	"github.com/go-pusher/channels/internal/interop"
	"github.com/go-pusher/channels/pusher"
)

// deployment is an app on a soketi, and how a client reaches it.
type deployment struct {
	name               string
	appID, key, secret string
	pathPrefix         string // soketi's SOKETI_PATH_PREFIX; "" for none
	fromURL            bool   // connect with FromURL, else New and options
}

// connect builds a client for d's app on s signing with secret: with
// pusher.FromURL and the URL a PUSHER_URL would hold, or with pusher.New,
// WithHost, WithTLS(false) and, below a prefix, WithBasePath.
func (d deployment) connect(s *interop.Soketi, secret string, opts []pusher.Option) (*pusher.Client, error) {
	if d.fromURL {
		return pusher.FromURL(s.AppURL(secret), opts...)
	}
	base := []pusher.Option{pusher.WithHost(s.Host()), pusher.WithTLS(false)}
	if d.pathPrefix != "" {
		base = append(base, pusher.WithBasePath(d.pathPrefix))
	}
	return pusher.New(d.appID, d.key, secret, append(base, opts...)...)
}

var (
	// numericApp: an all-digit app id as on Pusher's own service, reached
	// with WithHost (TestE2E, TestFastHTTPHandlers).
	numericApp = deployment{name: "numeric app", appID: appID, key: appKey, secret: appSecret}
	// soketiDefaults: soketi's own default app (app-id, app-key,
	// app-secret), reached with FromURL(http://app-key:app-secret@host/apps/app-id).
	soketiDefaults = deployment{name: "soketi-defaults", appID: interop.SoketiDefaultAppID,
		key: interop.SoketiDefaultKey, secret: interop.SoketiDefaultSecret, fromURL: true}
	// prefixedApp: soketi's default app on a soketi mounted below /pusher
	// (SOKETI_PATH_PREFIX), reached with WithHost and WithBasePath.
	prefixedApp = deployment{name: "path-prefix", appID: interop.SoketiDefaultAppID,
		key: interop.SoketiDefaultKey, secret: interop.SoketiDefaultSecret, pathPrefix: "/pusher"}
)

// TestSelfHosted runs the transport checks once per transport against a
// soketi on its default app and against one mounted below /pusher, and
// checks that soketi takes (and ignores) idempotency keys.
func TestSelfHosted(t *testing.T) {
	t.Parallel()
	for _, dep := range []deployment{soketiDefaults, prefixedApp} {
		for _, tc := range transports() {
			t.Run(dep.name+"/"+tc.name, func(t *testing.T) {
				t.Parallel()
				g := startGroup(t, tc, netHTTPServers(), dep)
				runChecks(t, g, append(transportChecks(), check{"IdempotencyKeyIgnored", checkIdempotencyKeyIgnored}))
			})
		}
	}
}
