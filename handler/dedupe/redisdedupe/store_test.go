package redisdedupe_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/go-pusher/channels/handler/dedupe"
	"github.com/go-pusher/channels/handler/dedupe/redisdedupe"
)

// newClient is a client of srv with short timeouts, closed when t ends.
func newClient(t testing.TB, srv *redisServer) *redis.Client {
	rdb := redis.NewClient(&redis.Options{
		Addr: srv.Addr(), DialTimeout: 300 * time.Millisecond,
		ReadTimeout: 300 * time.Millisecond, WriteTimeout: 300 * time.Millisecond, MaxRetries: 1,
		DialerRetries: 1, DialerRetryTimeout: 10 * time.Millisecond, // fail fast while the server is down
	})
	t.Cleanup(func() { _ = rdb.Close() })
	return rdb
}

// newStore is a Store on its own client of srv.
func newStore(t testing.TB, srv *redisServer, cfg redisdedupe.Config) *redisdedupe.Store {
	t.Helper()
	s, err := redisdedupe.New(newClient(t, srv), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func claim(t *testing.T, s dedupe.Store, key string, want dedupe.State) string {
	t.Helper()
	token, state, err := s.Claim(context.Background(), key)
	if err != nil || state != want || (state == dedupe.Claimed) != (token != "") {
		t.Fatalf("Claim(%s) = %q, %v, %v; want %v", key, token, state, err, want)
	}
	return token
}

func TestStoreClaimDoneRelease(t *testing.T) {
	ctx := context.Background()
	srv := startRedis(t)
	a := newStore(t, srv, redisdedupe.Config{Prefix: "test:"})
	b := newStore(t, srv, redisdedupe.Config{Prefix: "test:"}) // another instance

	token := claim(t, a, "k", dedupe.Claimed)
	claim(t, b, "k", dedupe.InProgress)
	if err := b.Release(ctx, "k", "not-the-token"); err != nil { // not b's claim: kept
		t.Fatal(err)
	}
	claim(t, b, "k", dedupe.InProgress)
	if err := a.Release(ctx, "k", token); err != nil {
		t.Fatal(err)
	}
	token = claim(t, b, "k", dedupe.Claimed)
	if err := b.MarkDone(ctx, "k", token); err != nil {
		t.Fatal(err)
	}
	claim(t, a, "k", dedupe.Done)
	if err := b.Release(ctx, "k", token); err != nil { // too late: done stays done
		t.Fatal(err)
	}
	claim(t, a, "k", dedupe.Done)

	// The keys carry the prefix and expire.
	rdb := newClient(t, srv)
	ttl, err := rdb.PTTL(ctx, "test:k").Result()
	if err != nil || ttl <= 23*time.Hour || ttl > dedupe.DefaultKeep {
		t.Errorf("PTTL(test:k) = %v, %v; want about %v", ttl, err, dedupe.DefaultKeep)
	}
	other := newStore(t, srv, redisdedupe.Config{}) // another prefix: another namespace
	claim(t, other, "k", dedupe.Claimed)
	if n, _ := rdb.Exists(ctx, redisdedupe.DefaultPrefix+"k").Result(); n != 1 {
		t.Errorf("no key under the default prefix")
	}
}

func TestStoreLeaseExpires(t *testing.T) {
	srv := startRedis(t)
	s := newStore(t, srv, redisdedupe.Config{Times: dedupe.Times{Lease: 100 * time.Millisecond, Keep: time.Second}})
	claim(t, s, "k", dedupe.Claimed)
	claim(t, s, "k", dedupe.InProgress)
	time.Sleep(150 * time.Millisecond) // the holder died: another copy may run
	claim(t, s, "k", dedupe.Claimed)
}

func TestStoreOneClaimWinsUnderContention(t *testing.T) {
	srv := startRedis(t)
	stores := []*redisdedupe.Store{newStore(t, srv, redisdedupe.Config{}), newStore(t, srv, redisdedupe.Config{})}
	var won atomic.Int32
	var wg sync.WaitGroup
	for i := range 32 {
		wg.Go(func() {
			_, state, err := stores[i%2].Claim(context.Background(), "same")
			if err != nil {
				t.Error(err)
			}
			if state == dedupe.Claimed {
				won.Add(1)
			}
		})
	}
	wg.Wait()
	if won.Load() != 1 {
		t.Errorf("%d claims won, want 1", won.Load())
	}
}

func TestStoreFailsWhileRedisIsDown(t *testing.T) {
	srv := startRedis(t)
	s := newStore(t, srv, redisdedupe.Config{})
	claim(t, s, "k", dedupe.Claimed)
	srv.Stop()
	ctx := context.Background()
	if _, _, err := s.Claim(ctx, "k2"); err == nil {
		t.Error("Claim succeeded with Redis down")
	}
	if err := s.MarkDone(ctx, "k", "t"); err == nil {
		t.Error("MarkDone succeeded with Redis down")
	}
	if err := s.Release(ctx, "k", "t"); err == nil {
		t.Error("Release succeeded with Redis down")
	}
	if err := s.Extend(ctx, "k", "t"); err == nil || errors.Is(err, dedupe.ErrClaimLost) {
		t.Errorf("Extend with Redis down = %v, want a store error", err)
	}
	srv.Start()
	claim(t, s, "k", dedupe.Claimed) // an empty server again: nothing was persisted
}

func TestNewRefusesBadConfig(t *testing.T) {
	if s, err := redisdedupe.New(nil, redisdedupe.Config{}); !errors.Is(err, dedupe.ErrConfig) || s != nil {
		t.Errorf("nil client: %v, %v", s, err)
	}
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1"})
	defer rdb.Close()
	if s, err := redisdedupe.New(rdb, redisdedupe.Config{Times: dedupe.Times{Lease: -1}}); !errors.Is(err, dedupe.ErrConfig) || s != nil {
		t.Errorf("negative lease: %v, %v", s, err)
	}
}

func TestStoreExtend(t *testing.T) {
	ctx := context.Background()
	srv := startRedis(t)
	const lease = 200 * time.Millisecond
	s := newStore(t, srv, redisdedupe.Config{Prefix: "ext:", Times: dedupe.Times{Lease: lease, Keep: time.Hour}})
	if s.Lease() != lease {
		t.Errorf("Lease = %v", s.Lease())
	}
	token := claim(t, s, "k", dedupe.Claimed)
	for range 3 { // renewed within each lease, the claim outlives it
		time.Sleep(lease / 2)
		if err := s.Extend(ctx, "k", token); err != nil {
			t.Fatal(err)
		}
	}
	claim(t, s, "k", dedupe.InProgress)
	if err := s.Extend(ctx, "k", "not-the-token"); !errors.Is(err, dedupe.ErrClaimLost) {
		t.Errorf("Extend with another token = %v, want ErrClaimLost", err)
	}
	if err := s.MarkDone(ctx, "k", token); err != nil {
		t.Fatal(err)
	}
	if err := s.Extend(ctx, "k", token); !errors.Is(err, dedupe.ErrClaimLost) {
		t.Errorf("Extend after MarkDone = %v, want ErrClaimLost", err)
	}
	if ttl, err := newClient(t, srv).PTTL(ctx, "ext:k").Result(); err != nil || ttl < time.Hour-time.Minute {
		t.Errorf("PTTL of the done mark = %v, %v; want about 1h (Extend left it alone)", ttl, err)
	}
	token = claim(t, s, "gone", dedupe.Claimed)
	time.Sleep(lease + 50*time.Millisecond)
	if err := s.Extend(ctx, "gone", token); !errors.Is(err, dedupe.ErrClaimLost) {
		t.Errorf("Extend after the lease = %v, want ErrClaimLost", err)
	}
	claim(t, s, "gone", dedupe.Claimed)
}
