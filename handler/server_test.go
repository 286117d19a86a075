package handler_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/go-pusher/channels/handler"
	"github.com/go-pusher/channels/handler/internal/handlertest"
	"github.com/go-pusher/channels/pusher"
)

// TestOverLoopback mounts the three handlers on a real server (127.0.0.1)
// and talks to it as pusher-js and the Channels service do, from many
// goroutines at once.
func TestOverLoopback(t *testing.T) {
	c := handlertest.NewClient(t)
	chAuth, err := handler.NewChannelAuthorizer(c, func(r *http.Request, req handler.ChannelRequest) (*pusher.Member, error) {
		return &pusher.Member{UserID: r.Header.Get("X-User")}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	userAuth, err := handler.NewUserAuthenticator(c, func(r *http.Request, _ handler.UserRequest) (pusher.User, error) {
		return pusher.User{ID: r.Header.Get("X-User")}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	received := 0
	hooks, err := handler.NewWebhookReceiver(c, func(_ context.Context, wh *pusher.Webhook) error {
		mu.Lock()
		received += len(wh.Events)
		mu.Unlock()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/pusher/auth", chAuth)
	mux.Handle("/pusher/user-auth", userAuth)
	mux.Handle("/pusher/webhooks", hooks)
	srv := httptest.NewServer(mux)
	defer srv.Close()

	const workers = 16
	var wg sync.WaitGroup
	for i := range workers {
		wg.Go(func() {
			uid := strconv.Itoa(i)
			socket := uid + ".1"

			var auth pusher.ChannelAuthorization
			postForm(t, srv.URL+"/pusher/auth", uid, url.Values{"socket_id": {socket}, "channel_name": {"presence-r"}}, &auth)
			data := `{"user_id":"` + uid + `"}`
			if auth.ChannelData != data || auth.Auth != handlertest.AuthValue(socket+":presence-r:"+data) {
				t.Errorf("worker %d: channel auth %+v", i, auth)
			}

			var ua pusher.UserAuthentication
			postForm(t, srv.URL+"/pusher/user-auth", uid, url.Values{"socket_id": {socket}}, &ua)
			if want := `{"id":"` + uid + `"}`; ua.UserData != want || ua.Auth != handlertest.AuthValue(socket+"::user::"+want) {
				t.Errorf("worker %d: user auth %+v", i, ua)
			}

			req, _ := http.NewRequest(http.MethodPost, srv.URL+"/pusher/webhooks", strings.NewReader(handlertest.WebhookBody))
			req.Header = handlertest.SignedWebhook([]byte(handlertest.WebhookBody))
			resp, err := srv.Client().Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			_ = resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Errorf("worker %d: webhook status %d", i, resp.StatusCode)
			}
		})
	}
	wg.Wait()
	if received != workers*2 {
		t.Errorf("received %d events, want %d", received, workers*2)
	}
}

// postForm posts form as pusher-js does and decodes the 200 answer into v.
func postForm(t *testing.T, endpoint, user string, form url.Values, v any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, endpoint, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-User", user)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Error(err)
		return
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Errorf("%s: status %d: %s", endpoint, resp.StatusCode, body)
		return
	}
	if err := json.Unmarshal(body, v); err != nil {
		t.Errorf("%s: %v", endpoint, err)
	}
}
