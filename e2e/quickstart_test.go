//go:build e2e

package e2e

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-pusher/channels/internal/interop"
)

// TestQuickstartSelfHosted runs examples/quickstart as a user would, with
// PUSHER_URL pointing at a soketi on its default app (…/apps/app-id) and at
// one mounted below /pusher (…/pusher/apps/app-id): both succeed, and with
// a wrong secret in the URL both fail.
func TestQuickstartSelfHosted(t *testing.T) {
	t.Parallel()
	bin := buildQuickstart(t)
	for _, prefix := range []string{"", "/pusher"} {
		t.Run("prefix="+prefix, func(t *testing.T) {
			t.Parallel()
			s := interop.StartSoketi(t, interop.SoketiConfig{
				AppID: interop.SoketiDefaultAppID, Key: interop.SoketiDefaultKey,
				Secret: interop.SoketiDefaultSecret, PathPrefix: prefix,
			})
			out, err := runQuickstart(t, bin, s.AppURL(interop.SoketiDefaultSecret))
			if err != nil || !strings.Contains(out, "quickstart: all steps succeeded") {
				t.Fatalf("quickstart against %s: %v\n%s", s, err, out)
			}
			t.Logf("quickstart against %s:\n%s", s, out)

			out, err = runQuickstart(t, bin, s.AppURL("not-"+interop.SoketiDefaultSecret))
			if err == nil || strings.Contains(out, "all steps succeeded") {
				t.Fatalf("quickstart with a wrong secret succeeded:\n%s", out)
			}
			if !strings.Contains(out, "401") && !strings.Contains(strings.ToLower(out), "unauthorized") {
				t.Errorf("quickstart with a wrong secret failed, but not as unauthorized:\n%s", out)
			}
			if strings.Contains(out, "not-"+interop.SoketiDefaultSecret) {
				t.Errorf("quickstart printed the secret:\n%s", out)
			}
		})
	}
}

// buildQuickstart builds examples/quickstart once into a temporary directory.
func buildQuickstart(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "quickstart")
	cmd := exec.Command("go", "build", "-o", bin, "./examples/quickstart")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./examples/quickstart: %v\n%s", err, out)
	}
	return bin
}

// runQuickstart runs the quickstart binary with PUSHER_URL set to pusherURL.
func runQuickstart(t *testing.T, bin, pusherURL string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin)
	cmd.Env = append(os.Environ(), "PUSHER_URL="+pusherURL)
	out, err := cmd.CombinedOutput()
	return string(out), err
}
