package testsupport

import (
	"encoding/json"
	"net/http"
	"sync"
	"time"
)

// IdempotencyKeyHeader is the header the fake reads an idempotency key
// from (besides the body's idempotency_key member) under WithIdempotencyKeys.
const IdempotencyKeyHeader = "X-Idempotency-Key"

// WithIdempotencyKeys makes the fake honour idempotency keys as Sockudo
// does: a trigger or batch carrying a key (the X-Idempotency-Key header or
// the body's idempotency_key member) that an earlier request carried
// within ttl is answered as that one was, and its events are not recorded
// again. Only a request that was answered 2xx holds its key; a failed one
// leaves the key free for a retry. Keyed requests are served one at a
// time, so two copies arriving together are delivered once. ttl <= 0
// switches it off, the default, as on Pusher's own service.
func WithIdempotencyKeys(ttl time.Duration) Option {
	return func(c *config) { c.idempotencyTTL = ttl }
}

// idempotencyKeys remembers the answers to keyed requests for a while.
type idempotencyKeys struct {
	ttl  time.Duration
	mu   sync.Mutex // held while a keyed request is served
	seen map[string]answeredKey
}

// answeredKey is the answer to the first request that carried a key.
type answeredKey struct {
	at  time.Time
	rep reply
}

// newIdempotencyKeys returns the key store for ttl, or nil if ttl <= 0.
func newIdempotencyKeys(ttl time.Duration) *idempotencyKeys {
	if ttl <= 0 {
		return nil
	}
	return &idempotencyKeys{ttl: ttl, seen: map[string]answeredKey{}}
}

// serveOnce answers a trigger or batch request with serve, unless it
// carries a key already answered within the TTL: then it answers as before.
// A nil store serves every request.
func (k *idempotencyKeys) serveOnce(r *http.Request, body []byte, now time.Time, serve func() reply) reply {
	if k == nil {
		return serve()
	}
	key := idempotencyKeyOf(r, body)
	if key == "" {
		return serve()
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	for old, a := range k.seen {
		if now.Sub(a.at) >= k.ttl {
			delete(k.seen, old)
		}
	}
	if a, ok := k.seen[key]; ok {
		return a.rep
	}
	rep := serve()
	if rep.status >= 200 && rep.status < 300 {
		k.seen[key] = answeredKey{at: now, rep: rep}
	}
	return rep
}

// idempotencyKeyOf returns the key of a POST to events or batch_events:
// the header's, else the body's idempotency_key, else "".
func idempotencyKeyOf(r *http.Request, body []byte) string {
	if r.Method != http.MethodPost {
		return ""
	}
	if key := r.Header.Get(IdempotencyKeyHeader); key != "" {
		return key
	}
	var b struct {
		Key string `json:"idempotency_key"`
	}
	_ = json.Unmarshal(body, &b) // a body that is not JSON is refused by serve
	return b.Key
}
