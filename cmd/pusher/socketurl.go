package main

import (
	"net"
	"net/url"
	"strings"

	"github.com/go-pusher/channels/pusher"
)

// socketURL is the WebSocket URL for the app: override (scheme and host,
// e.g. ws://127.0.0.1:6001) or else derived from the API's host, with the
// service's api-{cluster}.pusher.com becoming ws-{cluster}.pusher.com.
func socketURL(cfg appConfig, override string) (string, error) {
	base := override
	if base == "" {
		scheme := "ws"
		if cfg.tls {
			scheme = "wss"
		}
		host := cfg.host
		name, port, err := net.SplitHostPort(host)
		if err != nil {
			name, port = host, ""
		}
		if cluster, ok := strings.CutPrefix(name, "api-"); ok && strings.HasSuffix(cluster, ".pusher.com") {
			name = "ws-" + cluster
		}
		if port != "" {
			host = net.JoinHostPort(name, port)
		} else {
			host = name
		}
		base = scheme + "://" + host
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "ws" && u.Scheme != "wss") || u.Host == "" {
		return "", usageErrorf("--socket-url: want ws://host[:port] or wss://host[:port]")
	}
	u.Path = strings.TrimSuffix(u.Path, "/") + "/app/" + cfg.key
	u.RawQuery = url.Values{"protocol": {"7"}, "client": {"go-pusher-cli"}, "version": {pusher.Version}}.Encode()
	return u.String(), nil
}
