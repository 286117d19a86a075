package interop

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestFindRepoRoot(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "a", "b", "c")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "go.mod"), []byte("module x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := findRepoRoot(deep)
	if err != nil || got != root {
		t.Fatalf("findRepoRoot = %q, %v; want %q", got, err, root)
	}
	// This package's own root has the interop directory.
	here, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	repo, err := findRepoRoot(here)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(repo, "interop", "subscriber.js")); err != nil {
		t.Fatalf("repo root %s has no interop/subscriber.js: %v", repo, err)
	}
}

func TestCheckInstalledNamesTheFix(t *testing.T) {
	err := checkInstalled(t.TempDir())
	if err == nil {
		t.Fatal("an empty directory passed as installed")
	}
	if !strings.Contains(err.Error(), InstallHint) && !strings.Contains(err.Error(), "node is not on PATH") {
		t.Fatalf("error %q does not say how to install", err)
	}
}

func TestSoketiOptionsPinLoopback(t *testing.T) {
	cfg := SoketiConfig{Options: map[string]any{
		"host":                       "0.0.0.0", // must be overridden
		"cluster.unicast":            "10.0.0.1",
		"eventLimits.maxPayloadInKb": 10,
	}}.withDefaults()
	opts := soketiOptions(cfg, 1001, 1002, 1003)
	want := map[string]any{
		"host": "127.0.0.1", "port": 1001,
		"metrics.host": "127.0.0.1", "metrics.port": 1002,
		"cluster.address": "127.0.0.1", "cluster.unicast": "127.0.0.1", "cluster.port": 1003,
		"eventLimits.maxPayloadInKb": 10, "debug": false,
	}
	for k, v := range want {
		if fmt.Sprint(opts[k]) != fmt.Sprint(v) {
			t.Errorf("option %s = %v, want %v", k, opts[k], v)
		}
	}
	if _, err := json.Marshal(opts); err != nil {
		t.Fatalf("options do not encode: %v", err)
	}
	if cfg.Options["host"] != "0.0.0.0" {
		t.Error("soketiOptions changed the caller's map")
	}
}

func TestSoketiEnv(t *testing.T) {
	env, err := soketiEnv(SoketiConfig{WebhookURL: "http://127.0.0.1:9/hook", DisableClientMessages: true}.withDefaults())
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"SOKETI_DEFAULT_APP_ID=" + DefaultAppID,
		"SOKETI_DEFAULT_APP_KEY=" + DefaultKey,
		"SOKETI_DEFAULT_APP_SECRET=" + DefaultSecret,
		"SOKETI_DEFAULT_APP_ENABLE_CLIENT_MESSAGES=false",
		"SOKETI_DEFAULT_APP_USER_AUTHENTICATION=true",
	} {
		if !slices.Contains(env, want) {
			t.Errorf("env lacks %s", want)
		}
	}
	var hooks []struct {
		URL        string   `json:"url"`
		EventTypes []string `json:"event_types"`
	}
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "SOKETI_DEFAULT_APP_WEBHOOKS="); ok {
			if err := json.Unmarshal([]byte(v), &hooks); err != nil {
				t.Fatalf("webhooks value %q: %v", v, err)
			}
		}
	}
	if len(hooks) != 1 || hooks[0].URL != "http://127.0.0.1:9/hook" || !slices.Equal(hooks[0].EventTypes, WebhookEvents()) {
		t.Fatalf("webhooks = %+v", hooks)
	}

	env, err = soketiEnv(SoketiConfig{}.withDefaults())
	if err != nil {
		t.Fatal(err)
	}
	for _, kv := range env {
		if strings.HasPrefix(kv, "SOKETI_DEFAULT_APP_WEBHOOKS=") {
			t.Errorf("webhooks set without a WebhookURL: %s", kv)
		}
	}
}

func TestChildEnvDropsSoketiVariables(t *testing.T) {
	t.Setenv("SOKETI_PORT", "1")
	env := childEnv("SOKETI_DEFAULT_APP_ID=x")
	for _, kv := range env {
		if strings.HasPrefix(kv, "SOKETI_PORT=") {
			t.Fatal("inherited SOKETI_PORT reached the child")
		}
	}
	if !slices.Contains(env, "SOKETI_DEFAULT_APP_ID=x") {
		t.Fatal("extra variable missing")
	}
}

func TestSoketiStringHidesSecret(t *testing.T) {
	s := &Soketi{appID: "id", key: "k", secret: "very-secret-value", port: 1}
	for _, out := range []string{fmt.Sprint(s), fmt.Sprintf("%v %+v %#v %s", s, s, s, s)} {
		if strings.Contains(out, "very-secret-value") {
			t.Fatalf("secret printed: %s", out)
		}
	}
}

func TestFreeLoopbackPortsAreDistinct(t *testing.T) {
	ports, err := freeLoopbackPorts(3)
	if err != nil {
		t.Fatal(err)
	}
	if len(ports) != 3 || ports[0] == ports[1] || ports[1] == ports[2] || ports[0] == ports[2] {
		t.Fatalf("ports = %v", ports)
	}
}
