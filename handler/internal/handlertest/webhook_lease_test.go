package handlertest

import (
	"context"
	"errors"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-pusher/channels/handler"
	"github.com/go-pusher/channels/handler/dedupe"
	"github.com/go-pusher/channels/pusher"
)

// webhookPastTheLease: a callback that runs longer than the store's lease
// keeps its claim, so no copy runs beside it; when the claim is lost its
// context is cancelled with cause dedupe.ErrClaimLost.
func webhookPastTheLease(t *testing.T, a adapter) {
	const lease = 100 * time.Millisecond
	body := []byte(WebhookBody)
	send := func(srv Server) Response { return srv(webhookRequest(body, SignedWebhook(body))) }

	t.Run("copies while it runs", func(t *testing.T) {
		store, err := dedupe.NewMemory(dedupe.MemoryConfig{Times: dedupe.Times{Lease: lease}})
		if err != nil {
			t.Fatal(err)
		}
		entered, release := make(chan struct{}), make(chan struct{})
		var calls, running, most atomic.Int32
		srv := mustBuild(t)(a.WebhookReceiver(NewClient(t), func(context.Context, *pusher.Webhook) error {
			if n := running.Add(1); n > most.Load() {
				most.Store(n)
			}
			defer running.Add(-1)
			if calls.Add(1) == 1 {
				close(entered)
				<-release
			}
			return nil
		}, handler.WithDeduplication(store)))
		first := make(chan Response)
		go func() { first <- send(srv) }()
		<-entered
		var copies []Response
		for range 3 { // each copy after another lease has passed
			time.Sleep(lease * 8 / 5)
			copies = append(copies, send(srv))
		}
		close(release)
		for i, r := range copies {
			if r.Status != http.StatusConflict {
				t.Errorf("copy %d, %v into the run: status %d, want 409", i+1, time.Duration(i+1)*lease*8/5, r.Status)
			}
		}
		wantText(t, <-first, http.StatusOK)
		wantText(t, send(srv), http.StatusOK)
		if calls.Load() != 1 || most.Load() != 1 {
			t.Errorf("callback ran %d times, %d at once; want 1, 1", calls.Load(), most.Load())
		}
	})

	for name, extend := range map[string]error{
		"claim lost":            dedupe.ErrClaimLost,
		"store down past lease": errors.New("store down"),
	} {
		t.Run(name, func(t *testing.T) {
			store, err := dedupe.NewMemory(dedupe.MemoryConfig{Times: dedupe.Times{Lease: lease}})
			if err != nil {
				t.Fatal(err)
			}
			var cause error
			srv := mustBuild(t)(a.WebhookReceiver(NewClient(t), func(ctx context.Context, _ *pusher.Webhook) error {
				select {
				case <-ctx.Done():
					cause = context.Cause(ctx)
					return ctx.Err()
				case <-time.After(20 * lease):
					return nil
				}
			}, handler.WithDeduplication(failingExtend{store, extend})))
			start := time.Now()
			wantText(t, send(srv), http.StatusInternalServerError)
			if !errors.Is(cause, dedupe.ErrClaimLost) || time.Since(start) > 10*lease {
				t.Errorf("callback ended after %v with cause %v; want ErrClaimLost within the lease", time.Since(start), cause)
			}
		})
	}
}

// failingExtend is a Store whose Extend fails with err.
type failingExtend struct {
	dedupe.Store
	err error
}

func (s failingExtend) Extend(context.Context, string, string) error { return s.err }
