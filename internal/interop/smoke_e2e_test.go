//go:build e2e

package interop_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/go-pusher/channels/internal/interop"
	"github.com/go-pusher/channels/signing"
)

// waitTimeout bounds every wait for something soketi or pusher-js does.
const waitTimeout = 10 * time.Second

// trigger POSTs body to soketi's events endpoint, signed by signer, and
// returns the status and response body.
func trigger(t *testing.T, s *interop.Soketi, signer *signing.Signer, body string) (int, string) {
	t.Helper()
	path := "/apps/" + s.AppID() + "/events"
	query := signer.AppendQuery(nil, http.MethodPost, path, nil, []byte(body), time.Now().Unix())
	resp, err := http.Post(s.URL()+path+"?"+string(query), "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatalf("trigger: %v", err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("trigger response: %v", err)
	}
	return resp.StatusCode, string(out)
}

// authServer answers pusher-js's channel authorization (private- channels
// except private-denied; presence- channels as the user the X-User header
// names) and user authentication (as userID) requests.
func authServer(t *testing.T, signer *signing.Signer, userID string) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("POST /auth/channel", func(w http.ResponseWriter, r *http.Request) {
		socketID, channel := r.PostFormValue("socket_id"), r.PostFormValue("channel_name")
		if strings.HasPrefix(channel, "presence-") {
			// The subscriber names its user in a header (SubscriberConfig.AuthHeaders).
			user := r.Header.Get("X-User")
			channelData := `{"user_id":"` + user + `","user_info":{"name":"` + strings.ToUpper(user) + `"}}`
			writeJSON(w, map[string]string{
				"auth":         signer.PresenceAuth(socketID, channel, channelData),
				"channel_data": channelData,
			})
			return
		}
		if !strings.HasPrefix(channel, "private-") || channel == "private-denied" {
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		writeJSON(w, map[string]string{"auth": signer.ChannelAuth(socketID, channel)})
	})
	mux.HandleFunc("POST /auth/user", func(w http.ResponseWriter, r *http.Request) {
		userData := `{"id":"` + userID + `"}`
		writeJSON(w, map[string]string{
			"auth":      signer.UserAuth(r.PostFormValue("socket_id"), userData),
			"user_data": userData,
		})
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

func TestSmokePublicAndPrivateChannels(t *testing.T) {
	t.Parallel()
	s := interop.StartSoketi(t, interop.SoketiConfig{})
	t.Logf("soketi ready on %s in %v", s.Host(), s.StartupTime())
	signer := signing.NewSigner(s.Key(), s.Secret())
	auth := authServer(t, signer, "unused")

	cfg := s.SubscriberConfig()
	cfg.ChannelAuthURL = auth.URL + "/auth/channel"
	cfg.Channels = []string{"smoke", "private-smoke", "private-denied"}
	sub := interop.StartSubscriber(t, cfg)

	if sub.SocketID() == "" {
		t.Fatal("no socket id after connecting")
	}
	sub.WaitFor(t, waitTimeout, interop.SubscribedTo("smoke"))
	sub.WaitFor(t, waitTimeout, interop.SubscribedTo("private-smoke"))
	denied := sub.WaitFor(t, waitTimeout, interop.SubscriptionErrorOn("private-denied"))
	if denied.Status != http.StatusForbidden {
		t.Errorf("private-denied failed with status %d, want 403: %s", denied.Status, denied.Line)
	}

	status, body := trigger(t, s, signer, `{"name":"greet","channels":["smoke"],"data":"{\"hello\":\"world\"}"}`)
	if status != http.StatusOK || strings.Contains(body, `"error"`) {
		t.Fatalf("trigger answered %d %s", status, body)
	}
	ev := sub.WaitFor(t, waitTimeout, interop.EventOn("smoke", "greet"))
	var data map[string]string
	if err := ev.DecodeData(&data); err != nil || data["hello"] != "world" {
		t.Fatalf("event data = %s (%v), want {\"hello\":\"world\"}", ev.Data, err)
	}

	status, body = trigger(t, s, signer, `{"name":"note","channels":["private-smoke"],"data":"plain text"}`)
	if status != http.StatusOK {
		t.Fatalf("trigger on private-smoke answered %d %s", status, body)
	}
	note := sub.WaitFor(t, waitTimeout, interop.EventOn("private-smoke", "note"))
	if text, ok := note.DataString(); !ok || text != "plain text" {
		t.Fatalf("non-JSON data delivered as %s, want the string \"plain text\"", note.Data)
	}

	// soketi checks signatures: a request signed with the wrong secret is
	// refused and reaches nobody. soketi refuses with HTTP 200 and a body
	// {"error":…,"code":401}, which a client must not take for success.
	wrong := signing.NewSigner(s.Key(), "not-the-secret")
	status, body = trigger(t, s, wrong, `{"name":"forged","channels":["smoke"],"data":"{}"}`)
	if status != http.StatusUnauthorized && !strings.Contains(body, `"code":401`) {
		t.Fatalf("forged trigger answered %d %s, want a 401", status, body)
	}
	sub.ExpectNone(t, 300*time.Millisecond, interop.EventOn("smoke", "forged"))
}

func TestSmokeClientEventsWebhooksAndSendToUser(t *testing.T) {
	t.Parallel()
	type webhook struct {
		header http.Header
		body   []byte
	}
	hooks := make(chan webhook, 32)
	hookSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		hooks <- webhook{r.Header.Clone(), body}
	}))
	t.Cleanup(hookSrv.Close)

	s := interop.StartSoketi(t, interop.SoketiConfig{WebhookURL: hookSrv.URL + "/hook"})
	signer := signing.NewSigner(s.Key(), s.Secret())
	auth := authServer(t, signer, "user-1")

	cfg := s.SubscriberConfig()
	cfg.ChannelAuthURL = auth.URL + "/auth/channel"
	cfg.UserAuthURL = auth.URL + "/auth/user"
	cfg.Channels = []string{"private-room"}
	cfg.SignIn = true
	alice := interop.StartSubscriber(t, cfg)
	signedIn := alice.WaitFor(t, waitTimeout, interop.OfType("signed_in"))
	if !bytes.Contains(signedIn.User, []byte(`"user-1"`)) {
		t.Fatalf("signed in as %s, want user-1", signedIn.User)
	}

	cfg.SignIn, cfg.UserAuthURL = false, ""
	bob := interop.StartSubscriber(t, cfg)
	bob.WaitFor(t, waitTimeout, interop.SubscribedTo("private-room"))

	if err := alice.TriggerClient("private-room", "client-ping", map[string]int{"n": 1}); err != nil {
		t.Fatal(err)
	}
	if res := alice.WaitFor(t, waitTimeout, interop.OfType("triggered")); res.OK == nil || !*res.OK {
		t.Fatalf("pusher-js refused the client event: %s", res.Line)
	}
	ping := bob.WaitFor(t, waitTimeout, interop.EventOn("private-room", "client-ping"))
	if string(ping.Data) != `{"n":1}` {
		t.Fatalf("client event data = %s", ping.Data)
	}

	// The client event comes back as a signed webhook.
	deadline := time.After(waitTimeout)
	for found := false; !found; {
		select {
		case h := <-hooks:
			if h.header.Get("X-Pusher-Key") != s.Key() || !signer.VerifyWebhook(h.body, h.header.Get("X-Pusher-Signature")) {
				t.Fatalf("webhook with a bad key or signature: %v %s", h.header, h.body)
			}
			found = bytes.Contains(h.body, []byte(`"name":"client_event"`)) && bytes.Contains(h.body, []byte(`"client-ping"`))
		case <-deadline:
			t.Fatal("no client_event webhook")
		}
	}

	// Send to user: the server triggers on #server-to-user-user-1.
	status, body := trigger(t, s, signer, `{"name":"notice","channels":["#server-to-user-user-1"],"data":"{\"to\":\"alice\"}"}`)
	if status != http.StatusOK {
		t.Fatalf("send to user answered %d %s", status, body)
	}
	notice := alice.WaitFor(t, waitTimeout, interop.UserEvent("notice"))
	if string(notice.Data) != `{"to":"alice"}` {
		t.Fatalf("user event data = %s", notice.Data)
	}
	bob.ExpectNone(t, 300*time.Millisecond, interop.UserEvent("notice"))
}

func TestSmokePresenceClientEventAndUnsubscribe(t *testing.T) {
	t.Parallel()
	s := interop.StartSoketi(t, interop.SoketiConfig{})
	signer := signing.NewSigner(s.Key(), s.Secret())
	auth := authServer(t, signer, "unused")

	cfg := s.SubscriberConfig()
	cfg.ChannelAuthURL = auth.URL + "/auth/channel"
	cfg.Channels = []string{"presence-room"}
	cfg.AuthHeaders = map[string]string{"X-User": "alice"}
	alice := interop.StartSubscriber(t, cfg)
	joined := alice.WaitFor(t, waitTimeout, interop.SubscribedTo("presence-room"))
	if joined.Count != 1 || string(joined.Me) != `{"id":"alice","info":{"name":"ALICE"}}` ||
		string(joined.Members) != `{"alice":{"name":"ALICE"}}` {
		t.Fatalf("presence subscription = %s", joined.Line)
	}

	cfg.AuthHeaders = map[string]string{"X-User": "bob"}
	bob := interop.StartSubscriber(t, cfg)
	if m := bob.WaitFor(t, waitTimeout, interop.SubscribedTo("presence-room")); m.Count != 2 {
		t.Fatalf("bob sees %d members, want 2: %s", m.Count, m.Line)
	}
	added := alice.WaitFor(t, waitTimeout, interop.OfType("member_added"))
	if added.UserID != "bob" || string(added.UserInfo) != `{"name":"BOB"}` {
		t.Fatalf("member_added = %s", added.Line)
	}

	// On a presence channel pusher-js hands a client event's sender to bind callbacks.
	if err := bob.TriggerClient("presence-room", "client-hi", "hello"); err != nil {
		t.Fatal(err)
	}
	hi := alice.WaitFor(t, waitTimeout, interop.EventOn("presence-room", "client-hi"))
	if hi.UserID != "bob" {
		t.Fatalf("client event from %q, want bob: %s", hi.UserID, hi.Line)
	}

	if err := bob.Unsubscribe("presence-room"); err != nil {
		t.Fatal(err)
	}
	bob.WaitFor(t, waitTimeout, interop.OfType("unsubscribed"))
	removed := alice.WaitFor(t, waitTimeout, interop.OfType("member_removed"))
	if removed.UserID != "bob" {
		t.Fatalf("member_removed = %s", removed.Line)
	}
}
