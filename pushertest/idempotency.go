package pushertest

import (
	"encoding/json"
	"net/http"
	"sync"
	"time"
)

// WithIdempotencyKeys makes the fake honour idempotency keys as Sockudo
// does: a trigger or batch trigger carrying a key (the X-Idempotency-Key
// header, else the body's idempotency_key member) that an earlier request
// carried less than ttl before (Sockudo keeps them 120 s) is answered as
// that one was, and its events are not recorded again. Only a request
// answered 2xx holds its key, so a failed one leaves it free for a retry;
// keyed requests are served one at a time, so two copies arriving together
// are delivered once. ttl <= 0, the default, ignores keys, as Pusher's own
// service documents none.
func WithIdempotencyKeys(ttl time.Duration) Option { return func(c *config) { c.idemTTL = ttl } }

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

// serveOnce answers a trigger with serve unless it carries a key answered
// within the TTL: then it answers as before. A nil store serves every
// request.
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

// reset forgets every key.
func (k *idempotencyKeys) reset() {
	if k == nil {
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	clear(k.seen)
}

// idempotencyKeyOf returns the request's key: the header's, else the
// body's idempotency_key, else "".
func idempotencyKeyOf(r *http.Request, body []byte) string {
	if key := r.Header.Get("X-Idempotency-Key"); key != "" {
		return key
	}
	var b struct {
		Key string `json:"idempotency_key"`
	}
	_ = json.Unmarshal(body, &b) // a body that is not JSON is refused by serve
	return b.Key
}
