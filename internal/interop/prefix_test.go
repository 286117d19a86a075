package interop

import (
	"slices"
	"strings"
	"testing"
)

// TestSoketiPathPrefixConfig: a PathPrefix becomes SOKETI_PATH_PREFIX and
// shows in the app URL and the subscriber's wsPath; none is set without one.
func TestSoketiPathPrefixConfig(t *testing.T) {
	env, err := soketiEnv(SoketiConfig{PathPrefix: "/pusher"}.withDefaults())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(env, "SOKETI_PATH_PREFIX=/pusher") {
		t.Errorf("env %v has no SOKETI_PATH_PREFIX=/pusher", env)
	}
	env, err = soketiEnv(SoketiConfig{}.withDefaults())
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range env {
		if strings.HasPrefix(v, "SOKETI_PATH_PREFIX=") {
			t.Errorf("env has %s without a PathPrefix", v)
		}
	}
	s := &Soketi{appID: SoketiDefaultAppID, key: SoketiDefaultKey, secret: SoketiDefaultSecret, pathPrefix: "/pusher", port: 6001}
	if got, want := s.AppURL("s/cret"), "http://app-key:s%2Fcret@127.0.0.1:6001/pusher/apps/app-id"; got != want {
		t.Errorf("AppURL = %s, want %s", got, want)
	}
	if got := s.SubscriberConfig().WSPath; got != "/pusher" {
		t.Errorf("SubscriberConfig().WSPath = %q, want /pusher", got)
	}
}
