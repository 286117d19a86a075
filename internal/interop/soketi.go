package interop

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// Default app credentials of a Soketi started with an empty SoketiConfig.
const (
	DefaultAppID  = "interop-app"
	DefaultKey    = "interop-key"
	DefaultSecret = "interop-secret"
)

// Soketi's own default app, which it serves when no SOKETI_DEFAULT_APP_*
// variable says otherwise. A SoketiConfig with these values runs soketi
// as a user who installed it and changed nothing would.
const (
	SoketiDefaultAppID  = "app-id"
	SoketiDefaultKey    = "app-key"
	SoketiDefaultSecret = "app-secret"
)

// DefaultStartTimeout is how long StartSoketi waits for GET /ready.
const DefaultStartTimeout = 20 * time.Second

// startAttempts is how often StartSoketi tries fresh ports when another
// process took one between picking and binding.
const startAttempts = 3

// WebhookEvents returns every webhook event type soketi 1.6 sends.
func WebhookEvents() []string {
	return []string{"channel_occupied", "channel_vacated", "member_added", "member_removed", "client_event", "cache_miss"}
}

// SoketiConfig configures StartSoketi. The zero value is a server with the
// Default* credentials, client messages and user authentication on and no
// webhooks.
type SoketiConfig struct {
	// AppID, Key and Secret default to DefaultAppID, DefaultKey and
	// DefaultSecret. soketi reads them from the environment and parses any
	// value that is valid JSON as JSON: a key or secret of digits (or
	// "true", "null") would stop being a string, so keep those non-numeric.
	// An all-digit AppID is fine; soketi turns ids back into strings.
	AppID, Key, Secret string

	// WebhookURL, when set, receives the webhooks of WebhookEvents (empty:
	// all of WebhookEvents()), signed with Secret.
	WebhookURL    string
	WebhookEvents []string

	DisableClientMessages     bool
	DisableUserAuthentication bool

	// PathPrefix mounts every endpoint (the HTTP API, /ready and the
	// WebSocket /app/{key}) below it, e.g. "/pusher", through
	// SOKETI_PATH_PREFIX. Empty: no prefix.
	PathPrefix string

	// Options are further soketi options by dotted name, written to the
	// config file, e.g. {"eventLimits.maxPayloadInKb": 10} or
	// {"webhooks.batching.enabled": true}. They cannot move the server off
	// 127.0.0.1, and the app settings above win over appManager.* ones.
	Options map[string]any

	Debug        bool          // soketi's debug logging (shown when a test fails)
	StartTimeout time.Duration // 0: DefaultStartTimeout
}

// Soketi is a running soketi server bound to 127.0.0.1; its HTTP API and
// WebSocket endpoint share one port. t.Cleanup stops it.
type Soketi struct {
	appID, key, secret string
	pathPrefix         string
	port               int
	startup            time.Duration
	proc               *child
}

// StartSoketi starts soketi (interop/soketi.js, which refuses any option
// that would take a socket off 127.0.0.1) on free 127.0.0.1 ports,
// waits until GET /ready answers OK and registers its shutdown with
// t.Cleanup. It fails the test when the server does not come up, showing
// the end of its output.
func StartSoketi(t testing.TB, cfg SoketiConfig) *Soketi {
	t.Helper()
	dir := InteropDir(t)
	cfg = cfg.withDefaults()
	var lastErr error
	for range startAttempts {
		s, err := startSoketi(t, dir, cfg)
		if err == nil {
			return s
		}
		lastErr = err
		if !errors.Is(err, errPortTaken) {
			break
		}
		t.Logf("interop: soketi lost a port, retrying with new ones: %v", err)
	}
	t.Fatalf("%v", lastErr)
	return nil
}

// errPortTaken marks a start that lost a port to another process.
var errPortTaken = errors.New("interop: port taken by another process")

func (cfg SoketiConfig) withDefaults() SoketiConfig {
	if cfg.AppID == "" {
		cfg.AppID = DefaultAppID
	}
	if cfg.Key == "" {
		cfg.Key = DefaultKey
	}
	if cfg.Secret == "" {
		cfg.Secret = DefaultSecret
	}
	if len(cfg.WebhookEvents) == 0 {
		cfg.WebhookEvents = WebhookEvents()
	}
	if cfg.StartTimeout <= 0 {
		cfg.StartTimeout = DefaultStartTimeout
	}
	return cfg
}

// startSoketi makes one attempt; on failure the process is already stopped.
func startSoketi(t testing.TB, dir string, cfg SoketiConfig) (*Soketi, error) {
	ports, err := freeLoopbackPorts(2) // HTTP/WebSocket, metrics
	if err != nil {
		return nil, err
	}
	clusterPort, err := freeLoopbackUDPPort() // discovery
	if err != nil {
		return nil, err
	}
	work := t.TempDir()
	configPath := filepath.Join(work, "soketi.json")
	body, err := json.MarshalIndent(soketiOptions(cfg, ports[0], ports[1], clusterPort), "", "  ")
	if err != nil {
		return nil, fmt.Errorf("interop: soketi config: %w", err)
	}
	if err := os.WriteFile(configPath, body, 0o600); err != nil {
		return nil, fmt.Errorf("interop: soketi config: %w", err)
	}
	env, err := soketiEnv(cfg)
	if err != nil {
		return nil, err
	}

	cmd := exec.Command("node", filepath.Join(dir, "soketi.js"), "--config="+configPath)
	cmd.Dir = work                                      // soketi loads a .env from its working directory: keep it empty
	cmd.Env = childEnv(append(env, "FORCE_COLOR=0")...) // plain text in failure messages
	began := time.Now()
	proc, err := startChild("soketi", cmd)
	if err != nil {
		return nil, err
	}
	s := &Soketi{appID: cfg.AppID, key: cfg.Key, secret: cfg.Secret, pathPrefix: cfg.PathPrefix, port: ports[0], proc: proc}
	if err := s.waitReady(cfg.StartTimeout, ports, []int{clusterPort}); err != nil {
		proc.stop(0)
		return nil, fmt.Errorf("%w\n--- soketi output (config %s) ---\n%s", err, configPath, proc.output)
	}
	s.startup = time.Since(began)
	t.Cleanup(func() {
		s.Stop()
		if t.Failed() {
			t.Logf("--- soketi %s output ---\n%s", s.Host(), proc.output)
		}
	})
	return s, nil
}

// soketiOptions is the config file: the caller's options with every
// address pinned to 127.0.0.1 on the given ports. cluster.* configures the
// UDP discovery soketi always starts: bound to and sending to 127.0.0.1,
// it never broadcasts to 255.255.255.255.
func soketiOptions(cfg SoketiConfig, port, metricsPort, clusterPort int) map[string]any {
	opts := make(map[string]any, len(cfg.Options)+8)
	maps.Copy(opts, cfg.Options)
	opts["debug"] = cfg.Debug
	opts["host"] = "127.0.0.1"
	opts["port"] = port
	opts["metrics.host"] = "127.0.0.1"
	opts["metrics.port"] = metricsPort
	opts["cluster.address"] = "127.0.0.1"
	opts["cluster.unicast"] = "127.0.0.1"
	opts["cluster.port"] = clusterPort
	return opts
}

// soketiEnv returns the SOKETI_DEFAULT_APP_* variables for cfg's app.
// soketi parses each value as JSON when it can, so booleans and the
// webhook list arrive typed.
func soketiEnv(cfg SoketiConfig) ([]string, error) {
	env := []string{
		"SOKETI_DEFAULT_APP_ID=" + cfg.AppID,
		"SOKETI_DEFAULT_APP_KEY=" + cfg.Key,
		"SOKETI_DEFAULT_APP_SECRET=" + cfg.Secret,
		"SOKETI_DEFAULT_APP_ENABLE_CLIENT_MESSAGES=" + strconv.FormatBool(!cfg.DisableClientMessages),
		"SOKETI_DEFAULT_APP_USER_AUTHENTICATION=" + strconv.FormatBool(!cfg.DisableUserAuthentication),
	}
	if cfg.PathPrefix != "" {
		env = append(env, "SOKETI_PATH_PREFIX="+cfg.PathPrefix)
	}
	if cfg.WebhookURL != "" {
		hooks, err := json.Marshal([]map[string]any{{"url": cfg.WebhookURL, "event_types": cfg.WebhookEvents}})
		if err != nil {
			return nil, fmt.Errorf("interop: soketi webhooks: %w", err)
		}
		env = append(env, "SOKETI_DEFAULT_APP_WEBHOOKS="+string(hooks))
	}
	return env, nil
}

// waitReady polls GET /ready until it answers OK, then checks that the
// process has its TCP and UDP ports to itself on 127.0.0.1. Meanwhile it
// gives up early when another process holds one of them (soketi would share
// the TCP port or hang on the UDP one).
func (s *Soketi) waitReady(timeout time.Duration, tcpPorts, udpPorts []int) error {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	transport := &http.Transport{DisableKeepAlives: true}
	defer transport.CloseIdleConnections()
	client := &http.Client{Transport: transport, Timeout: time.Second}
	url := s.URL() + s.pathPrefix + "/ready"
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	pid := s.proc.cmd.Process.Pid
	for {
		if s.proc.exited() {
			return fmt.Errorf("interop: soketi exited before it was ready: %w", s.proc.exitError())
		}
		ready := readyOK(ctx, client, url)
		err := checkSockets(pid, tcpPorts, udpPorts, ready)
		switch {
		case errors.Is(err, errPortTaken), ready && err != nil:
			return err
		case ready:
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("interop: soketi not ready on %s after %v", url, timeout)
		case <-tick.C:
		}
	}
}

// readyOK reports whether url answered 200 "OK".
func readyOK(ctx context.Context, client *http.Client, url string) bool {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return false
	}
	resp, err := client.Do(req)
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64))
	return resp.StatusCode == http.StatusOK && string(body) == "OK"
}

// Host returns "127.0.0.1:port", the address of the HTTP API and WebSockets.
func (s *Soketi) Host() string { return "127.0.0.1:" + strconv.Itoa(s.port) }

// Port returns the port of the HTTP API and WebSockets.
func (s *Soketi) Port() int { return s.port }

// URL returns the base URL of the server, "http://127.0.0.1:port"; the
// HTTP API is below PathPrefix.
func (s *Soketi) URL() string { return "http://" + s.Host() }

// PathPrefix returns the prefix every endpoint is mounted below ("" for none).
func (s *Soketi) PathPrefix() string { return s.pathPrefix }

// AppURL returns the app's API URL with secret in it, as FromURL and
// PUSHER_URL take it: http://key:secret@127.0.0.1:port[prefix]/apps/{id}.
// Treat it as a credential: pass it on, never log it.
func (s *Soketi) AppURL(secret string) string {
	u := url.URL{Scheme: "http", User: url.UserPassword(s.key, secret), Host: s.Host(), Path: s.pathPrefix + "/apps/" + s.appID}
	return u.String()
}

// AppID returns the app id.
func (s *Soketi) AppID() string { return s.appID }

// Key returns the app key.
func (s *Soketi) Key() string { return s.key }

// Secret returns the app secret.
func (s *Soketi) Secret() string { return s.secret }

// StartupTime returns how long the server took from exec to ready.
func (s *Soketi) StartupTime() time.Duration { return s.startup }

// Output returns the end of the server's stdout and stderr.
func (s *Soketi) Output() string { return s.proc.output.String() }

// Stop kills the server's process group and waits for it. It is idempotent
// and runs by itself at cleanup; call it to test a server going away.
func (s *Soketi) Stop() { s.proc.stop(0) }

// SubscriberConfig returns a SubscriberConfig that connects to this server.
func (s *Soketi) SubscriberConfig() SubscriberConfig {
	return SubscriberConfig{Key: s.key, Port: s.port, WSPath: s.pathPrefix}
}

// String describes the server without its secret.
func (s *Soketi) String() string {
	return fmt.Sprintf("soketi{host: %s%s, app: %s, key: %s, secret: [redacted]}", s.Host(), s.pathPrefix, s.appID, s.key)
}

// GoString is String, so %#v does not print the secret either.
func (s *Soketi) GoString() string { return s.String() }
