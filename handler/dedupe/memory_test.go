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
	ctx := context.Background()
	m, clock := newMemory(t, dedupe.MemoryConfig{MaxEntries: 3, Times: dedupe.Times{Lease: time.Minute, Keep: time.Hour}})
	for i := range 10 { // done marks: the oldest are forgotten first
		token := mustClaim(t, m, fmt.Sprint(i), dedupe.Claimed)
		if err := m.MarkDone(ctx, fmt.Sprint(i), token); err != nil {
			t.Fatal(err)
		}
	}
	if m.Len() != 3 {
		t.Errorf("Len = %d, want 3", m.Len())
	}
	mustClaim(t, m, "9", dedupe.Done)    // the newest are kept
	mustClaim(t, m, "0", dedupe.Claimed) // the oldest were forgotten

	// Expired entries are dropped as time passes, without a goroutine.
	clock.advance(time.Hour)
	mustClaim(t, m, "x", dedupe.Claimed)
	if m.Len() != 1 {
		t.Errorf("Len = %d after expiry, want 1", m.Len())
	}
}

// TestMemoryNeverForgetsARunningClaim: a full store forgets done marks,
// never a claim whose callback still runs; full of those, Claim fails.
func TestMemoryNeverForgetsARunningClaim(t *testing.T) {
	ctx := context.Background()
	m, clock := newMemory(t, dedupe.MemoryConfig{MaxEntries: 2, Times: dedupe.Times{Lease: time.Minute, Keep: time.Hour}})
	mustClaim(t, m, "a", dedupe.Claimed) // running
	mustClaim(t, m, "b", dedupe.Claimed) // running
	if _, state, err := m.Claim(ctx, "c"); !errors.Is(err, dedupe.ErrFull) {
		t.Errorf("Claim(c) on a store full of running claims = %v, %v; want ErrFull", state, err)
	}
	mustClaim(t, m, "a", dedupe.InProgress) // a copy of a while a runs

	// A done mark makes room before any claim would.
	if err := m.MarkDone(ctx, "b", ""); err != nil {
		t.Fatal(err)
	}
	token := mustClaim(t, m, "c", dedupe.Claimed)
	mustClaim(t, m, "a", dedupe.InProgress)
	if err := m.Release(ctx, "c", token); err != nil {
		t.Fatal(err)
	}
	mustClaim(t, m, "b", dedupe.Claimed) // its done mark made room for c

	// Claims that expired make room too.
	clock.advance(time.Minute)
	mustClaim(t, m, "d", dedupe.Claimed)
	mustClaim(t, m, "e", dedupe.Claimed)
}

// TestMemoryExpiresEveryKind: a done mark that lives long does not keep
// the claims behind it from expiring.
func TestMemoryExpiresEveryKind(t *testing.T) {
	ctx := context.Background()
	m, clock := newMemory(t, dedupe.MemoryConfig{Times: dedupe.Times{Lease: time.Second, Keep: time.Hour}})
	token := mustClaim(t, m, "done", dedupe.Claimed)
	if err := m.MarkDone(ctx, "done", token); err != nil {
		t.Fatal(err)
	}
	for i := range 1000 { // claims whose holders crashed
		mustClaim(t, m, fmt.Sprint(i), dedupe.Claimed)
	}
	clock.advance(time.Minute)
	mustClaim(t, m, "x", dedupe.Claimed)
	if m.Len() != 2 {
		t.Errorf("Len = %d a minute later, want 2 (the done mark and x)", m.Len())
	}
	mustClaim(t, m, "done", dedupe.Done)
}

func TestMemoryExtend(t *testing.T) {
	ctx := context.Background()
	m, clock := newMemory(t, dedupe.MemoryConfig{Times: dedupe.Times{Lease: time.Minute, Keep: time.Hour}})
	if m.Lease() != time.Minute {
		t.Errorf("Lease = %v", m.Lease())
	}
	token := mustClaim(t, m, "a", dedupe.Claimed)
	other := mustClaim(t, m, "b", dedupe.Claimed)
	for range 3 { // renewed within each lease, the claim outlives it
		clock.advance(50 * time.Second)
		if err := m.Extend(ctx, "a", token); err != nil {
			t.Fatal(err)
		}
	}
	mustClaim(t, m, "a", dedupe.InProgress)
	mustClaim(t, m, "b", dedupe.Claimed) // b, not renewed, expired
	for name, extend := range map[string]func() error{
		"another token":  func() error { return m.Extend(ctx, "a", "not-the-token") },
		"an old claim":   func() error { return m.Extend(ctx, "b", other) },
		"an unknown key": func() error { return m.Extend(ctx, "z", token) },
	} {
		if err := extend(); !errors.Is(err, dedupe.ErrClaimLost) {
			t.Errorf("Extend with %s = %v, want ErrClaimLost", name, err)
		}
	}
	if err := m.MarkDone(ctx, "a", token); err != nil {
		t.Fatal(err)
	}
	if err := m.Extend(ctx, "a", token); !errors.Is(err, dedupe.ErrClaimLost) {
		t.Errorf("Extend after MarkDone = %v, want ErrClaimLost", err)
	}
	token = mustClaim(t, m, "c", dedupe.Claimed)
	clock.advance(time.Minute)
	if err := m.Extend(ctx, "c", token); !errors.Is(err, dedupe.ErrClaimLost) {
		t.Errorf("Extend after the lease = %v, want ErrClaimLost", err)
	}
}

// TestMemoryZeroAndNil: the zero Memory has the defaults; a nil *Memory
// fails with ErrConfig instead of panicking.
func TestMemoryZeroAndNil(t *testing.T) {
	ctx := context.Background()
	var zero dedupe.Memory
	if zero.Lease() != dedupe.DefaultLease || zero.Len() != 0 {
		t.Errorf("zero Memory: Lease %v, Len %d", zero.Lease(), zero.Len())
	}
	token := mustClaim(t, &zero, "a", dedupe.Claimed)
	mustClaim(t, &zero, "a", dedupe.InProgress)
	if err := zero.Extend(ctx, "a", token); err != nil {
		t.Error(err)
	}
	if err := zero.MarkDone(ctx, "a", token); err != nil {
		t.Error(err)
	}
	mustClaim(t, &zero, "a", dedupe.Done)
	var noCtx context.Context
	if _, _, err := zero.Claim(noCtx, "b"); !errors.Is(err, dedupe.ErrConfig) {
		t.Errorf("Claim with a nil context: %v, want ErrConfig", err)
	}

	var m *dedupe.Memory
	if _, _, err := m.Claim(ctx, "a"); !errors.Is(err, dedupe.ErrConfig) {
		t.Errorf("nil Claim: %v", err)
	}
	for name, err := range map[string]error{
		"Extend": m.Extend(ctx, "a", "t"), "MarkDone": m.MarkDone(ctx, "a", "t"), "Release": m.Release(ctx, "a", "t"),
	} {
		if !errors.Is(err, dedupe.ErrConfig) {
			t.Errorf("nil %s: %v, want ErrConfig", name, err)
		}
	}
	if m.Len() != 0 || m.Lease() != 0 {
		t.Errorf("nil: Len %d, Lease %v; want 0, 0", m.Len(), m.Lease())
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
