package pushertest_test

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/pushertest"
)

// TestEveryPublicCallConcurrently calls every method of a Server from many
// goroutines at once while clients use it; run with -race, it fails on any
// unguarded state.
func TestEveryPublicCallConcurrently(t *testing.T) {
	srv := pushertest.NewServer(pushertest.WithEncryptionMasterKeyBase64(testMasterKey))
	defer srv.Close()
	const workers, rounds = 8, 10
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			c, err := srv.Client()
			if err != nil {
				t.Error(err)
				return
			}
			ctx := context.Background()
			for i := range rounds {
				sock := fmt.Sprintf("%d.%d", w, i)
				_ = srv.Subscribe("presence-room", sock, &pusher.Member{UserID: fmt.Sprint("u", w)})
				_, _ = c.Trigger(ctx, "presence-room", "e", "d", pusher.WithInfo("user_count"))
				_, _ = c.Trigger(ctx, "private-encrypted-x", "e", "secret")
				_, _ = c.TriggerBatch(ctx, []pusher.Event{{Channel: "a", Name: "e", Data: "1"}})
				_ = c.SendToUser(ctx, "u1", "e", "d")
				_, _ = c.Channels(ctx, pusher.ChannelsOptions{})
				_, _ = c.Channel(ctx, "presence-room", "user_count")
				_, _ = c.Users(ctx, "presence-room")
				_ = c.TerminateUserConnections(ctx, fmt.Sprint("u", w))
				_ = srv.URL() + srv.Host() + srv.PusherURL() + srv.App().ID
				_ = srv.HTTPClient()
				_, _ = srv.Events(), srv.Requests()
				_ = srv.TerminatedUsers()
				_ = srv.SignWebhook([]byte(`{}`))
				if _, err := srv.NewWebhookRequest("/hook", pusher.WebhookEvent{Name: "client_event", Channel: "private-encrypted-x", Data: "d"}); err != nil {
					t.Error(err)
				}
				if i%3 == 0 {
					srv.QueueResponse(http.StatusServiceUnavailable, "busy")
				}
				srv.Unsubscribe("presence-room", sock)
				if i == rounds/2 {
					srv.Reset()
				}
			}
		})
	}
	wg.Wait()
}
