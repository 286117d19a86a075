// Package redisdedupe is a dedupe.Store on Redis, for webhook receivers on
// several instances: every receiver given a Store on the same Redis calls
// its callback at most once per delivery (see handler.WithDeduplication).
//
// A claim is SET key token NX PX lease; a done mark is SET key "done" PX
// keep; a release deletes the key only if it still holds the claim's
// token (a Lua compare-and-delete), so a late release never frees another
// receiver's claim. When Redis cannot be reached every call fails, and the
// receiver answers 503: the service retries the delivery later, and
// nothing is lost.
package redisdedupe

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"

	"github.com/redis/go-redis/v9"

	"github.com/go-pusher/channels/handler/dedupe"
)

// DefaultPrefix starts every key the Store writes.
const DefaultPrefix = "pusher:webhook:"

// doneValue is a done mark's value; a claim's is its token, never this.
const doneValue = "done"

// Config configures New. The zero value is the defaults.
type Config struct {
	dedupe.Times
	// Prefix starts every key ("" means DefaultPrefix), e.g. to share a
	// Redis between apps.
	Prefix string
}

// Store is a dedupe.Store on Redis. It is safe for concurrent use; it does
// not own the client (close that yourself).
type Store struct {
	rdb    redis.UniversalClient
	prefix string
	times  dedupe.Times
}

// release deletes KEYS[1] if it holds ARGV[1].
var release = redis.NewScript(`if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0`)

// New returns a Store on rdb (a *redis.Client, *redis.ClusterClient or
// *redis.Ring).
func New(rdb redis.UniversalClient, cfg Config) (*Store, error) {
	if rdb == nil {
		return nil, fmt.Errorf("%w: nil Redis client", dedupe.ErrConfig)
	}
	times, err := cfg.Times.WithDefaults()
	if err != nil {
		return nil, err
	}
	if cfg.Prefix == "" {
		cfg.Prefix = DefaultPrefix
	}
	return &Store{rdb: rdb, prefix: cfg.Prefix, times: times}, nil
}

// Claim takes key unless it is claimed or done.
func (s *Store) Claim(ctx context.Context, key string) (string, dedupe.State, error) {
	token := rand.Text()
	ok, err := s.rdb.SetNX(ctx, s.prefix+key, token, s.times.Lease).Result()
	if err != nil {
		return "", 0, fmt.Errorf("redisdedupe: claim: %w", err)
	}
	if ok {
		return token, dedupe.Claimed, nil
	}
	v, err := s.rdb.Get(ctx, s.prefix+key).Result()
	switch {
	case errors.Is(err, redis.Nil): // expired since: let the service retry
		return "", dedupe.InProgress, nil
	case err != nil:
		return "", 0, fmt.Errorf("redisdedupe: claim: %w", err)
	case v == doneValue:
		return "", dedupe.Done, nil
	}
	return "", dedupe.InProgress, nil
}

// MarkDone records key as done for the keep time.
func (s *Store) MarkDone(ctx context.Context, key, _ string) error {
	if err := s.rdb.Set(ctx, s.prefix+key, doneValue, s.times.Keep).Err(); err != nil {
		return fmt.Errorf("redisdedupe: mark done: %w", err)
	}
	return nil
}

// Release deletes key if token still holds it.
func (s *Store) Release(ctx context.Context, key, token string) error {
	if err := release.Run(ctx, s.rdb, []string{s.prefix + key}, token).Err(); err != nil {
		return fmt.Errorf("redisdedupe: release: %w", err)
	}
	return nil
}
