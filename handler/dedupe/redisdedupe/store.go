// Package redisdedupe is a dedupe.Store on Redis, for webhook receivers on
// several instances: every receiver given a Store on the same Redis calls
// its callback at most once per delivery (see handler.WithDeduplication).
//
// A claim is SET key token NX PX lease; a done mark is SET key "done" PX
// keep; an extension renews the key's PX lease and a release deletes the
// key, each only if the key still holds the claim's token (Lua
// compare-and-pexpire, compare-and-delete), so a late one never touches
// another receiver's claim. When Redis cannot be reached every call fails:
// the receiver answers 503 and the service retries the delivery later, so
// nothing is lost; a callback already running whose claim cannot be
// renewed before it lapses has its ctx cancelled (dedupe.ErrClaimLost).
package redisdedupe

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"reflect"
	"time"

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
// not own the client (close that yourself). Methods on a nil or zero Store
// (one not made by New) fail with an error matching dedupe.ErrConfig.
type Store struct {
	// rdb returns the client. It is reachable only through a closure, so
	// that reflective dumps (spew in testify's diffs) show a func, never
	// the client's options and its password.
	rdb    func() redis.UniversalClient
	prefix string
	times  dedupe.Times
}

// Redis scripts on a claim's key KEYS[1] and token ARGV[1].
var (
	// release deletes the key if it holds the token.
	release = redis.NewScript(`if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0`)
	// extend sets the key's expiry to ARGV[2] ms if it holds the token.
	extend = redis.NewScript(`if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("PEXPIRE", KEYS[1], ARGV[2]) end return 0`)
)

// New returns a Store on rdb (a *redis.Client, *redis.ClusterClient or
// *redis.Ring); a nil rdb, typed or not, is an error matching
// dedupe.ErrConfig.
func New(rdb redis.UniversalClient, cfg Config) (*Store, error) {
	if v := reflect.ValueOf(rdb); rdb == nil || v.Kind() == reflect.Pointer && v.IsNil() {
		return nil, fmt.Errorf("%w: nil Redis client", dedupe.ErrConfig)
	}
	times, err := cfg.Times.WithDefaults()
	if err != nil {
		return nil, err
	}
	if cfg.Prefix == "" {
		cfg.Prefix = DefaultPrefix
	}
	return &Store{rdb: func() redis.UniversalClient { return rdb }, prefix: cfg.Prefix, times: times}, nil
}

// client is s's client, or an error for a Store not made by New.
func (s *Store) client() (redis.UniversalClient, error) {
	if s == nil || s.rdb == nil {
		return nil, fmt.Errorf("%w: redisdedupe.Store not made by New", dedupe.ErrConfig)
	}
	return s.rdb(), nil
}

// Lease is how long a claim lasts unless extended (0 for a Store not made
// by New).
func (s *Store) Lease() time.Duration {
	if _, err := s.client(); err != nil {
		return 0
	}
	return s.times.Lease
}

// Claim takes key unless it is claimed or done.
func (s *Store) Claim(ctx context.Context, key string) (string, dedupe.State, error) {
	rdb, err := s.client()
	if err != nil {
		return "", 0, err
	}
	token := rand.Text()
	ok, err := rdb.SetNX(ctx, s.prefix+key, token, s.times.Lease).Result()
	if err != nil {
		return "", 0, fmt.Errorf("redisdedupe: claim: %w", err)
	}
	if ok {
		return token, dedupe.Claimed, nil
	}
	v, err := rdb.Get(ctx, s.prefix+key).Result()
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

// Extend renews token's claim on key for another lease, or fails with
// dedupe.ErrClaimLost if token no longer holds it.
func (s *Store) Extend(ctx context.Context, key, token string) error {
	rdb, err := s.client()
	if err != nil {
		return err
	}
	n, err := extend.Run(ctx, rdb, []string{s.prefix + key}, token, max(s.times.Lease.Milliseconds(), 1)).Int()
	switch {
	case err != nil:
		return fmt.Errorf("redisdedupe: extend: %w", err)
	case n == 0:
		return dedupe.ErrClaimLost
	}
	return nil
}

// MarkDone records key as done for the keep time.
func (s *Store) MarkDone(ctx context.Context, key, _ string) error {
	rdb, err := s.client()
	if err != nil {
		return err
	}
	if err := rdb.Set(ctx, s.prefix+key, doneValue, s.times.Keep).Err(); err != nil {
		return fmt.Errorf("redisdedupe: mark done: %w", err)
	}
	return nil
}

// Release deletes key if token still holds it.
func (s *Store) Release(ctx context.Context, key, token string) error {
	rdb, err := s.client()
	if err != nil {
		return err
	}
	if err := release.Run(ctx, rdb, []string{s.prefix + key}, token).Err(); err != nil {
		return fmt.Errorf("redisdedupe: release: %w", err)
	}
	return nil
}
