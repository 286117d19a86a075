package dedupe_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-pusher/channels/handler/dedupe"
)

// fakeClock is a settable clock, safe for concurrent use.
type fakeClock struct{ ns atomic.Int64 }

func (c *fakeClock) now() time.Time          { return time.Unix(0, c.ns.Load()) }
func (c *fakeClock) advance(d time.Duration) { c.ns.Add(int64(d)) }

func newMemory(t *testing.T, cfg dedupe.MemoryConfig) (*dedupe.Memory, *fakeClock) {
	t.Helper()
	clock := &fakeClock{}
	clock.ns.Store(time.Unix(1_700_000_000, 0).UnixNano())
	cfg.Now = clock.now
	m, err := dedupe.NewMemory(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return m, clock
}

func mustClaim(t *testing.T, s dedupe.Store, key string, want dedupe.State) string {
	t.Helper()
	token, state, err := s.Claim(context.Background(), key)
	if err != nil || state != want || (state == dedupe.Claimed) != (token != "") {
		t.Fatalf("Claim(%s) = %q, %v, %v; want %v", key, token, state, err, want)
	}
	return token
}

func TestMemoryClaimDoneRelease(t *testing.T) {
	ctx := context.Background()
	m, clock := newMemory(t, dedupe.MemoryConfig{Times: dedupe.Times{Lease: time.Minute, Keep: time.Hour}})

	token := mustClaim(t, m, "a", dedupe.Claimed)
	mustClaim(t, m, "a", dedupe.InProgress)
	mustClaim(t, m, "b", dedupe.Claimed) // keys are independent

	// A release with another token is not the holder's: nothing changes.
	if err := m.Release(ctx, "a", "not-the-token"); err != nil {
		t.Fatal(err)
	}
	mustClaim(t, m, "a", dedupe.InProgress)
	if err := m.Release(ctx, "a", token); err != nil {
		t.Fatal(err)
	}
	token = mustClaim(t, m, "a", dedupe.Claimed)
	if err := m.MarkDone(ctx, "a", token); err != nil {
		t.Fatal(err)
	}
	mustClaim(t, m, "a", dedupe.Done)
	if err := m.Release(ctx, "a", token); err != nil { // too late: done stays done
		t.Fatal(err)
	}
	mustClaim(t, m, "a", dedupe.Done)

	// The lease expires: a copy may run. The done mark expires after Keep.
	clock.advance(time.Minute)
	mustClaim(t, m, "b", dedupe.Claimed)
	mustClaim(t, m, "a", dedupe.Done)
	clock.advance(time.Hour)
	mustClaim(t, m, "a", dedupe.Claimed)
}

func TestMemoryIsBounded(t *testing.T) {
	m, clock := newMemory(t, dedupe.MemoryConfig{MaxEntries: 3})
	for i := range 10 {
		mustClaim(t, m, fmt.Sprint(i), dedupe.Claimed)
	}
	if m.Len() != 3 {
		t.Errorf("Len = %d, want 3", m.Len())
	}
	mustClaim(t, m, "9", dedupe.InProgress) // the newest are kept
	mustClaim(t, m, "0", dedupe.Claimed)    // the oldest were forgotten

	// Expired entries are dropped as time passes, without a goroutine.
	clock.advance(dedupe.DefaultLease)
	mustClaim(t, m, "x", dedupe.Claimed)
	if m.Len() != 1 {
		t.Errorf("Len = %d after expiry, want 1", m.Len())
	}
}

func TestMemoryOneClaimWinsUnderContention(t *testing.T) {
	m, _ := newMemory(t, dedupe.MemoryConfig{})
	var claimed atomic.Int32
	var wg sync.WaitGroup
	for range 64 {
		wg.Go(func() {
			_, state, err := m.Claim(context.Background(), "same")
			if err != nil {
				t.Error(err)
			}
			if state == dedupe.Claimed {
				claimed.Add(1)
			}
		})
	}
	wg.Wait()
	if claimed.Load() != 1 {
		t.Errorf("%d claims won, want 1", claimed.Load())
	}
}

func TestMemoryHonoursCancellation(t *testing.T) {
	m, _ := newMemory(t, dedupe.MemoryConfig{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := m.Claim(ctx, "a"); !errors.Is(err, context.Canceled) {
		t.Errorf("Claim = %v, want context.Canceled", err)
	}
}

func TestConfigRefusesBadValues(t *testing.T) {
	for name, cfg := range map[string]dedupe.MemoryConfig{
		"negative lease":       {Times: dedupe.Times{Lease: -time.Second}},
		"negative keep":        {Times: dedupe.Times{Keep: -time.Second}},
		"keep below the lease": {Times: dedupe.Times{Lease: time.Hour, Keep: time.Minute}},
		"negative max entries": {MaxEntries: -1},
	} {
		if m, err := dedupe.NewMemory(cfg); !errors.Is(err, dedupe.ErrConfig) || m != nil {
			t.Errorf("%s: got %v, %v; want ErrConfig", name, m, err)
		}
	}
}
