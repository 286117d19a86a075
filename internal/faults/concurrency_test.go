package faults_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/go-pusher/channels/crypto"
	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/pushertest"
	"github.com/go-pusher/channels/signing"
)

// Shape of the concurrency test: one client, this many goroutines, each
// making this many calls.
const (
	goroutines = 16
	rounds     = 12
)

// TestSharedClientConcurrently shares one client between 16 goroutines
// that mix triggers, multi-channel and encrypted triggers, batches,
// queries, authorizations and webhook checks against the fake Channels
// server, on each transport. Run under -race it finds data races; it also
// checks that every event arrived exactly once with its own data and that
// every answer was right.
func TestSharedClientConcurrently(t *testing.T) {
	for _, tr := range allTransports() {
		t.Run(tr.name, func(t *testing.T) {
			t.Parallel()
			srv := pushertest.NewServer()
			t.Cleanup(srv.Close)
			users := []string{"ada", "bob", "cy", "dee"}
			for i, u := range users {
				if err := srv.Subscribe("presence-room", fmt.Sprintf("1.%d", i), &pusher.Member{UserID: u}); err != nil {
					t.Fatal(err)
				}
			}
			app := srv.App()
			spy := newSpy(t, tr)
			c, err := pusher.New(app.ID, app.Key, app.Secret, pusher.WithHost(srv.Host()), pusher.WithTLS(false),
				pusher.WithTransport(spy), pusher.WithEncryptionMasterKeyBase64(masterKeyB64()))
			if err != nil {
				t.Fatal(err)
			}
			signer := signing.NewSigner(app.Key, app.Secret)

			var wantEvents atomic.Int64
			var wg sync.WaitGroup
			for g := range goroutines {
				wg.Go(func() {
					for i := range rounds {
						n, err := sharedClientCall(c, srv, signer, g, i, len(users))
						if err != nil {
							t.Errorf("goroutine %d round %d: %v", g, i, err)
							return
						}
						wantEvents.Add(int64(n))
					}
				})
			}
			wg.Wait()
			checkSharedClientEvents(t, srv, wantEvents.Load())
		})
	}
}

// sharedClientCall makes call number i of goroutine g, chosen so every
// goroutine mixes every kind, and returns how many events it published.
func sharedClientCall(c *pusher.Client, srv *pushertest.Server, signer *signing.Signer, g, i, users int) (int, error) {
	ctx := context.Background()
	tag := fmt.Sprintf("g%d-r%d", g, i)
	socket := fmt.Sprintf("%d.%d", g+1, i+1)
	switch (g + i) % 8 {
	case 0:
		_, err := c.Trigger(ctx, "ch-"+tag, "ev", `{"tag":"`+tag+`"}`)
		return 1, err
	case 1:
		res, err := c.TriggerMulti(ctx, []string{"a-" + tag, "b-" + tag}, "ev", `{"tag":"`+tag+`"}`, pusher.WithInfo("subscription_count"))
		if err == nil && len(res.Channels) != 2 {
			err = fmt.Errorf("TriggerMulti answered for %d channels, want 2", len(res.Channels))
		}
		return 2, err
	case 2:
		events := make([]pusher.Event, 3)
		for k := range events {
			events[k] = pusher.Event{Channel: fmt.Sprintf("batch-%d-%s", k, tag), Name: "ev", Data: map[string]string{"tag": tag}}
		}
		_, err := c.TriggerBatch(ctx, events)
		return 3, err
	case 3:
		_, err := c.Trigger(ctx, "private-encrypted-"+tag, "ev", `{"tag":"`+tag+`"}`)
		return 1, err
	case 4:
		if err := c.SendToUser(ctx, "user-"+tag, "ev", `{"tag":"`+tag+`"}`); err != nil {
			return 0, err
		}
		list, err := c.Channels(ctx, pusher.ChannelsOptions{Prefix: "presence-", Info: []string{"user_count"}})
		if err == nil {
			if room, ok := list.Channels["presence-room"]; !ok || room.UserCount == nil || *room.UserCount != users {
				err = fmt.Errorf("Channels answered %+v", list)
			}
		}
		return 1, err
	case 5:
		attrs, err := c.Channel(ctx, "presence-room", "user_count", "subscription_count")
		if err == nil && (attrs.UserCount == nil || *attrs.UserCount != users || !attrs.Occupied) {
			err = fmt.Errorf("Channel answered %+v", attrs)
		}
		return 0, err
	case 6:
		list, err := c.Users(ctx, "presence-room")
		if err == nil && len(list) != users {
			err = fmt.Errorf("Users answered %v", list)
		}
		return 0, err
	default:
		return 0, checkAuthorizations(c, srv, signer, socket, tag)
	}
}

// checkAuthorizations authorizes and authenticates socket and verifies a
// webhook, checking each answer against the signer.
func checkAuthorizations(c *pusher.Client, srv *pushertest.Server, signer *signing.Signer, socket, tag string) error {
	priv, err := c.AuthorizeChannel(socket, "private-"+tag)
	if err != nil {
		return err
	}
	if want := signer.ChannelAuth(socket, "private-"+tag); priv.Auth != want {
		return fmt.Errorf("private auth %q, want %q", priv.Auth, want)
	}
	enc, err := c.AuthorizeChannel(socket, "private-encrypted-"+tag)
	if err != nil {
		return err
	}
	if enc.SharedSecret == "" || enc.Auth != signer.ChannelAuth(socket, "private-encrypted-"+tag) {
		return fmt.Errorf("encrypted auth %+v", enc)
	}
	pres, err := c.AuthorizePresenceChannel(socket, "presence-"+tag, pusher.Member{UserID: tag, UserInfo: map[string]string{"n": tag}})
	if err != nil {
		return err
	}
	if want := signer.PresenceAuth(socket, "presence-"+tag, pres.ChannelData); pres.Auth != want || !strings.Contains(pres.ChannelData, tag) {
		return fmt.Errorf("presence auth %+v", pres)
	}
	ua, err := c.AuthenticateUser(socket, pusher.User{ID: tag, Watchlist: []string{"x"}})
	if err != nil {
		return err
	}
	if want := signer.UserAuth(socket, ua.UserData); ua.Auth != want {
		return fmt.Errorf("user auth %+v", ua)
	}
	body := []byte(`{"time_ms":1,"events":[{"name":"channel_occupied","channel":"` + tag + `"}]}`)
	wh, err := c.VerifyWebhook(srv.SignWebhook(body), body)
	if err != nil {
		return err
	}
	if len(wh.Events) != 1 || wh.Events[0].Channel != tag {
		return fmt.Errorf("webhook %+v", wh)
	}
	return nil
}

// checkSharedClientEvents checks that the fake accepted want events, each
// carrying the tag of the call that sent it exactly once per channel,
// encrypted ones decrypting to it, and answered every request 200.
func checkSharedClientEvents(t *testing.T, srv *pushertest.Server, want int64) {
	t.Helper()
	for _, r := range srv.Requests() {
		if r.Status != 200 {
			t.Errorf("%s %s answered %d: %s", r.Method, r.Path, r.Status, r.Response)
		}
	}
	events := srv.Events()
	if int64(len(events)) != want {
		t.Errorf("the fake accepted %d events, want %d", len(events), want)
	}
	mk, err := crypto.ParseMasterKey(masterKeyB64())
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, e := range events {
		data := e.Data
		if strings.HasPrefix(e.Channel, "private-encrypted-") {
			// The plaintext's key, quoted: a sealed envelope is JSON
			// around base64, which has no quotes of its own, while a bare
			// "tag" turns up in random base64 now and then.
			if strings.Contains(data, `"tag"`) {
				t.Errorf("event on %s went out in the clear: %s", e.Channel, data)
			}
			plain, err := mk.Decrypt(e.Channel, []byte(data))
			if err != nil {
				t.Errorf("event on %s does not decrypt: %v", e.Channel, err)
				continue
			}
			data = string(plain)
		}
		var body struct{ Tag string }
		if err := json.Unmarshal([]byte(data), &body); err != nil || body.Tag == "" || !strings.HasSuffix(e.Channel, body.Tag) {
			t.Errorf("event on %s carries %q", e.Channel, data)
		}
		seen[e.Channel]++
	}
	for ch, n := range seen {
		if n != 1 {
			t.Errorf("channel %s got %d events, want 1", ch, n)
		}
	}
}

// TestOptionsSharedAcrossClients builds clients concurrently from one
// slice of options, as a program building one client per tenant does:
// applying an option must not write to anything the option value shares.
func TestOptionsSharedAcrossClients(t *testing.T) {
	opts := []pusher.Option{
		pusher.WithHost("127.0.0.1:1"),
		pusher.WithTLS(false),
		pusher.WithRetry(pusher.RetryPolicy{MaxAttempts: 3}),
		pusher.WithEncryptionMasterKeyBase64(masterKeyB64()),
		pusher.WithWebhookCredentials("rotated-key", webhookSecret),
		pusher.WithLimits(pusher.DefaultLimits()),
	}
	var wg sync.WaitGroup
	for range goroutines {
		wg.Go(func() {
			if _, err := pusher.New(appID, appKey, appSecret, opts...); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
}
