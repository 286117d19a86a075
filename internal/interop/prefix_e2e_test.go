//go:build e2e

package interop_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/go-pusher/channels/internal/interop"
	"github.com/go-pusher/channels/signing"
)

// TestSoketiPathPrefixSignsTheWholePath pins what soketi 1.6.1 does below
// SOKETI_PATH_PREFIX: it serves /pusher/apps/{id}/events, accepts a
// signature over that whole path, and refuses one over the path without
// the prefix (HTTP 200, {"error":…,"code":401}); /apps/{id}/events is not
// served at all (soketi drops the connection).
func TestSoketiPathPrefixSignsTheWholePath(t *testing.T) {
	t.Parallel()
	s := interop.StartSoketi(t, interop.SoketiConfig{
		AppID: interop.SoketiDefaultAppID, Key: interop.SoketiDefaultKey,
		Secret: interop.SoketiDefaultSecret, PathPrefix: "/pusher",
	})
	signer := signing.NewSigner(s.Key(), s.Secret())
	const body = `{"name":"e","channels":["c"],"data":"x"}`
	// post returns the status and body, or 0 and the error when soketi
	// drops the connection (as it does for a path it does not serve).
	post := func(sendPath, signPath string) (int, string) {
		t.Helper()
		q := signer.AppendQuery(nil, http.MethodPost, signPath, nil, []byte(body), time.Now().Unix())
		resp, err := http.Post(s.URL()+sendPath+"?"+string(q), "application/json", strings.NewReader(body))
		if err != nil {
			return 0, err.Error()
		}
		defer resp.Body.Close()
		out, err := io.ReadAll(io.LimitReader(resp.Body, 4096))
		if err != nil {
			return 0, err.Error()
		}
		return resp.StatusCode, string(out)
	}
	const full, bare = "/pusher/apps/app-id/events", "/apps/app-id/events"
	if status, out := post(full, full); status != 200 || strings.Contains(out, `"error"`) {
		t.Errorf("signed over %s: %d %s, want success", full, status, out)
	}
	if status, out := post(full, bare); !strings.Contains(out, `"code":401`) {
		t.Errorf("signed over %s, sent to %s: %d %s, want a 401 code", bare, full, status, out)
	} else {
		t.Logf("signed without the prefix: HTTP %d %s", status, out)
	}
	if status, out := post(bare, bare); status == 200 {
		t.Errorf("%s is served below a prefix: %d %s", bare, status, out)
	}
}
