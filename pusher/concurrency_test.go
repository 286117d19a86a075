package pusher_test

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"testing"

	"github.com/go-pusher/channels/pusher"
)

// TestClientIsSafeForConcurrentUse hammers one client from 32 goroutines
// with every kind of call; run it with -race.
func TestClientIsSafeForConcurrentUse(t *testing.T) {
	const (
		workers    = 32
		iterations = 4
	)
	srv := newFake(t)
	if err := srv.Subscribe("presence-room", "1.1", &pusher.Member{UserID: "u1"}); err != nil {
		t.Fatal(err)
	}
	c := newFakeClient(t, srv, nil, pusher.WithEncryptionMasterKeyBase64(testMasterKeyB64))
	master := testMasterKey(t)

	// Answers computed once, sequentially, to compare against.
	wantPrivate, err := c.AuthorizeChannel("1.2", "private-x")
	if err != nil {
		t.Fatal(err)
	}
	wantPresence, err := c.AuthorizePresenceChannel("1.2", "presence-room", pusher.Member{UserID: "u9"})
	if err != nil {
		t.Fatal(err)
	}
	whBody := []byte(`{"time_ms":1,"events":[{"name":"member_added","channel":"presence-room","user_id":"u9"}]}`)
	whHeader := srv.SignWebhook(whBody)

	var wg sync.WaitGroup
	errs := make(chan error, workers*iterations*8)
	ctx := context.Background()
	for w := range workers {
		wg.Go(func() {
			for i := range iterations {
				tag := strconv.Itoa(w) + "-" + strconv.Itoa(i)
				if _, err := c.Trigger(ctx, "ch-"+strconv.Itoa(w), "ev", "data-"+tag); err != nil {
					errs <- fmt.Errorf("Trigger: %w", err)
				}
				if _, err := c.Trigger(ctx, "private-encrypted-"+strconv.Itoa(w), "ev", map[string]string{"tag": tag}); err != nil {
					errs <- fmt.Errorf("encrypted Trigger: %w", err)
				}
				res, err := c.TriggerBatch(ctx, []pusher.Event{
					{Channel: "presence-room", Name: "b", Data: tag, Info: []string{"subscription_count"}},
					{Channel: "batch-" + strconv.Itoa(w), Name: "b", Data: []byte(tag)},
				})
				if err != nil {
					errs <- fmt.Errorf("TriggerBatch: %w", err)
				} else if len(res.Batch) != 2 || deref(res.Batch[0].SubscriptionCount) != 1 {
					errs <- fmt.Errorf("TriggerBatch answer %+v", res.Batch)
				}
				list, err := c.Channels(ctx, pusher.ChannelsOptions{Prefix: "presence-", Info: []string{"user_count"}})
				if err != nil {
					errs <- fmt.Errorf("Channels: %w", err)
				} else if deref(list.Channels["presence-room"].UserCount) != 1 {
					errs <- fmt.Errorf("Channels answer %v", list.Channels)
				}
				if got, err := c.AuthorizeChannel("1.2", "private-x"); err != nil || got != wantPrivate {
					errs <- fmt.Errorf("AuthorizeChannel = %+v, %v", got, err)
				}
				if got, err := c.AuthorizePresenceChannel("1.2", "presence-room", pusher.Member{UserID: "u9"}); err != nil || got != wantPresence {
					errs <- fmt.Errorf("AuthorizePresenceChannel = %+v, %v", got, err)
				}
				if _, err := c.AuthenticateUser("1.2", pusher.User{ID: tag}); err != nil {
					errs <- fmt.Errorf("AuthenticateUser: %w", err)
				}
				if wh, err := c.VerifyWebhook(whHeader, whBody); err != nil || len(wh.Events) != 1 {
					errs <- fmt.Errorf("VerifyWebhook = %+v, %v", wh, err)
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}

	// Every event arrived once, intact: 1 + 1 + 2 per iteration.
	evs := srv.Events()
	if want := workers * iterations * 4; len(evs) != want {
		t.Fatalf("%d events recorded, want %d", len(evs), want)
	}
	seen := map[string]int{}
	for _, ev := range evs {
		data := ev.Data
		if ev.Channel[0] == 'p' && ev.Channel != "presence-room" { // private-encrypted-
			plain, err := master.Decrypt(ev.Channel, []byte(ev.Data))
			if err != nil {
				t.Fatalf("event on %s does not decrypt: %v", ev.Channel, err)
			}
			data = string(plain)
		}
		seen[ev.Channel+"|"+data]++
	}
	for w := range workers {
		for i := range iterations {
			tag := strconv.Itoa(w) + "-" + strconv.Itoa(i)
			for _, k := range []string{
				"ch-" + strconv.Itoa(w) + "|data-" + tag,
				"private-encrypted-" + strconv.Itoa(w) + `|{"tag":"` + tag + `"}`,
				"presence-room|" + tag,
				"batch-" + strconv.Itoa(w) + "|" + tag,
			} {
				if seen[k] != 1 {
					t.Errorf("%q recorded %d times", k, seen[k])
				}
			}
		}
	}
}
