package main

import (
	"net/url"
	"strings"

	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/transport"
	"github.com/go-pusher/channels/transport/fasthttp"
	"github.com/go-pusher/channels/transport/nethttp"
	"github.com/go-pusher/channels/transport/resty"
)

// appConfig is the app as the URL names it.
type appConfig struct {
	rawURL string
	key    string
	secret string
	host   string // host[:port] of the HTTP API
	tls    bool
}

// config reads the app URL from --url or PUSHER_URL.
func (a *app) config() (appConfig, error) {
	raw := a.url
	if raw == "" {
		raw = a.getenv(envURL)
	}
	if raw == "" {
		return appConfig{}, usageErrorf("no app: set %s or --url", envURL)
	}
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		// Let FromURL name the problem without quoting the URL.
		_, err := pusher.FromURL(raw)
		if err == nil {
			err = usageErrorf("url: not a URL")
		}
		return appConfig{}, err
	}
	secret, _ := u.User.Password()
	a.secret = secret
	return appConfig{rawURL: raw, key: u.User.Username(), secret: secret, host: u.Host, tls: u.Scheme == "https"}, nil
}

// client builds the API client from the configuration and global flags.
func (a *app) client() (*pusher.Client, appConfig, error) {
	cfg, err := a.config()
	if err != nil {
		return nil, cfg, err
	}
	doer, err := a.doer()
	if err != nil {
		return nil, cfg, err
	}
	opts := []pusher.Option{pusher.WithTransport(doer), pusher.WithTimeout(a.timeout)}
	if key := a.masterKeyBase64(); key != "" {
		opts = append(opts, pusher.WithEncryptionMasterKeyBase64(key))
	}
	c, err := pusher.FromURL(cfg.rawURL, opts...)
	return c, cfg, err
}

// masterKeyBase64 is --master-key or PUSHER_ENCRYPTION_MASTER_KEY_BASE64.
func (a *app) masterKeyBase64() string {
	if a.masterKey == "" {
		a.masterKey = strings.TrimSpace(a.getenv(envMasterKey))
	}
	return a.masterKey
}

// transportNames lists the values of --transport.
func transportNames() []string { return []string{"nethttp", "resty", "fasthttp"} }

// doer returns the transport --transport names.
func (a *app) doer() (transport.Doer, error) {
	switch a.transport {
	case "nethttp", "":
		return nethttp.New(), nil
	case "resty":
		return resty.New(), nil
	case "fasthttp":
		return fasthttp.New(), nil
	}
	return nil, usageErrorf("--transport: %q is not one of %s", a.transport, strings.Join(transportNames(), ", "))
}
