package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/signing"
)

// startAuthServer runs "pusher auth-server" in process on a free port and
// returns its base URL and output; the server stops at cleanup.
func startAuthServer(t *testing.T, args ...string) (string, *syncBuffer) {
	t.Helper()
	var stdout, stderr syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	argv := append([]string{"--url", "http://the-key:the-secret@127.0.0.1:1/apps/1", "auth-server", "--addr", "127.0.0.1:0"}, args...)
	go func() { done <- run(ctx, argv, strings.NewReader(""), &stdout, &stderr) }()
	t.Cleanup(func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("auth-server exited %d after its context ended; stderr:\n%s", code, stderr.String())
		}
	})
	stdout.waitFor(t, "auth server on http://")
	base := regexp.MustCompile(`http://127\.0\.0\.1:\d+`).FindString(stdout.String())
	return base, &stdout
}

func postForm(t *testing.T, u string, form url.Values, header http.Header) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, u, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for k, v := range header {
		req.Header[k] = v
	}
	return do(t, req)
}

func do(t *testing.T, req *http.Request) (int, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(req.Context(), 5*time.Second)
	defer cancel()
	resp, err := http.DefaultClient.Do(req.WithContext(ctx))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestAuthServer: the endpoints pusher-js calls sign what the policy
// allows, refuse the rest, and print verified webhooks.
func TestAuthServer(t *testing.T) {
	base, stdout := startAuthServer(t, "--allow-prefix", "private-dev-", "--allow-prefix", "presence-dev-")
	signer := signing.NewSigner("the-key", "the-secret")

	status, body := postForm(t, base+channelAuthPath, url.Values{"socket_id": {"1.2"}, "channel_name": {"private-dev-x"}}, nil)
	if want := `{"auth":"` + signer.ChannelAuth("1.2", "private-dev-x") + `"}`; status != 200 || strings.TrimSpace(body) != want {
		t.Errorf("private-dev-x: %d %s, want 200 %s", status, body, want)
	}

	if status, body := postForm(t, base+channelAuthPath, url.Values{"socket_id": {"1.2"}, "channel_name": {"private-prod"}}, nil); status != http.StatusForbidden {
		t.Errorf("private-prod (not allowed): %d %s, want 403", status, body)
	}

	status, body = postForm(t, base+channelAuthPath, url.Values{"socket_id": {"1.2"}, "channel_name": {"presence-dev-room"}, "user_id": {"ada"}}, nil)
	var presence pusher.ChannelAuthorization
	_ = json.Unmarshal([]byte(body), &presence)
	if status != 200 || presence.ChannelData != `{"user_id":"ada"}` || presence.Auth != signer.PresenceAuth("1.2", "presence-dev-room", presence.ChannelData) {
		t.Errorf("presence-dev-room: %d %s", status, body)
	}

	status, body = postForm(t, base+userAuthPath, url.Values{"socket_id": {"1.2"}}, nil)
	if status != 200 || !strings.Contains(body, `"user_data":"{\"id\":\"user-1.2\"}"`) {
		t.Errorf("user auth: %d %s", status, body)
	}

	hook := `{"time_ms":1,"events":[{"name":"channel_occupied","channel":"private-dev-x"}]}`
	req, _ := http.NewRequest(http.MethodPost, base+webhookPath, strings.NewReader(hook))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Pusher-Key", "the-key")
	req.Header.Set("X-Pusher-Signature", signer.WebhookSignature([]byte(hook)))
	if status, body := do(t, req); status != 200 {
		t.Errorf("webhook: %d %s", status, body)
	}
	stdout.waitFor(t, "channel_occupied\tprivate-dev-x")
}

// TestAuthServerNeedsAPolicy: without --allow-all or --allow-prefix it
// refuses to start.
func TestAuthServerNeedsAPolicy(t *testing.T) {
	var stdout, stderr syncBuffer
	code := run(context.Background(), []string{"--url", "http://k:s@127.0.0.1:1/apps/1", "auth-server"}, strings.NewReader(""), &stdout, &stderr)
	if code != exitUsage || !strings.Contains(stderr.String(), "choose a policy") {
		t.Errorf("auth-server without a policy: exit %d, stderr %q; want 2 and the reason", code, stderr.String())
	}
}
