package pusher_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/pushertest"
	"github.com/go-pusher/channels/transport"
)

// loseFirstAnswerOfEveryThirdKey passes every request to next, but for
// every third idempotency key it has not seen before reports the answer
// as lost: the server has the request, the client sees a network error
// and retries it with the same key.
func loseFirstAnswerOfEveryThirdKey(next transport.Doer) transport.DoerFunc {
	var mu sync.Mutex
	seen := map[string]bool{}
	return func(ctx context.Context, req *transport.Request) (*transport.Response, error) {
		resp, err := next.Do(ctx, req)
		key := req.Header.Get(pusher.IdempotencyKeyHeader)
		mu.Lock()
		lose := key != "" && !seen[key] && len(seen)%3 == 0
		seen[key] = true
		mu.Unlock()
		if err == nil && lose {
			return nil, errors.New("connection reset by peer")
		}
		return resp, err
	}
}

// TestPublisherWithKeysDeliversOnceThroughLostAnswers: on a server that
// honours keys, a Publisher with generated keys retries a batch whose
// answer was lost, and the server delivers it once.
func TestPublisherWithKeysDeliversOnceThroughLostAnswers(t *testing.T) {
	srv := newFake(t, pushertest.WithIdempotencyKeys(time.Minute))
	c := newFakeClient(t, srv, loseFirstAnswerOfEveryThirdKey(wireDoer(t)),
		pusher.WithGeneratedIdempotencyKeys(),
		pusher.WithRetry(pusher.RetryPolicy{MaxAttempts: 4, Backoff: func(int) time.Duration { return 0 }}))
	out := newOutcomes()
	p := newPublisher(t, c, out.options(pusher.PublisherOptions{}))

	all := publishAll(t, p, 8, 50)
	closePublisher(t, p)

	seen := eventsByData(srv)
	delivered, failed, _ := out.snapshot()
	for _, d := range all {
		if seen[d] != 1 || delivered[d] != 1 {
			_, _, errs := out.snapshot()
			t.Fatalf("event %s: the fake has it %d times, OnDelivered %d (error %v); want 1 and 1", d, seen[d], delivered[d], errs[d])
		}
	}
	if len(failed) != 0 {
		t.Errorf("%d events failed", len(failed))
	}
	keys := map[string]bool{}
	for _, r := range srv.Requests() {
		k := r.Header.Get(pusher.IdempotencyKeyHeader)
		if k == "" {
			t.Fatalf("a batch went without a key: %s", r.Body)
		}
		keys[k] = true
	}
	if len(keys) != int(p.Stats().Requests) || len(srv.Requests()) <= len(keys) {
		t.Errorf("%d keys for %d batches in %d requests; want one key per batch, repeated on retries",
			len(keys), p.Stats().Requests, len(srv.Requests()))
	}
}
