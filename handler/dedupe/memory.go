package dedupe

import (
	"container/list"
	"context"
	"crypto/rand"
	"fmt"
	"sync"
	"time"
)

// DefaultMaxEntries is how many deliveries a Memory remembers by default.
const DefaultMaxEntries = 100_000

// MemoryConfig configures NewMemory. The zero value is the defaults.
type MemoryConfig struct {
	Times
	// MaxEntries bounds what the store holds (0 means DefaultMaxEntries).
	// When it is full, expired entries go first, then the done marks that
	// expire soonest; a claim still running is never forgotten: while the
	// store holds nothing else, Claim fails with ErrFull. Set it above the
	// deliveries you receive within Times.Keep.
	MaxEntries int
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Memory is a Store in this process's memory, for a receiver that runs as
// one instance. It is bounded, drops entries as they expire, and starts no
// goroutine. The zero Memory is usable and has the defaults of a zero
// MemoryConfig; methods on a nil *Memory fail with an error matching
// ErrConfig.
type Memory struct {
	mu      sync.Mutex
	ready   bool // the fields below are set
	times   Times
	max     int
	now     func() time.Time
	entries map[string]*list.Element // of *memoryEntry, in claims or done
	// claims and done are in the order their entries expire: the lease and
	// the keep time are the same for every entry of one list.
	claims, done list.List
}

// memoryEntry is a claim (token set) or a done mark, valid until until.
type memoryEntry struct {
	key, token string
	done       bool
	until      time.Time
}

// NewMemory returns an empty Memory store.
func NewMemory(cfg MemoryConfig) (*Memory, error) {
	m := &Memory{}
	if err := m.setup(cfg); err != nil {
		return nil, err
	}
	return m, nil
}

// setup sets m's fields from cfg.
func (m *Memory) setup(cfg MemoryConfig) error {
	times, err := cfg.Times.WithDefaults()
	if err != nil {
		return err
	}
	switch {
	case cfg.MaxEntries < 0:
		return fmt.Errorf("%w: negative MaxEntries", ErrConfig)
	case cfg.MaxEntries == 0:
		cfg.MaxEntries = DefaultMaxEntries
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	m.times, m.max, m.now = times, cfg.MaxEntries, cfg.Now
	m.entries = make(map[string]*list.Element)
	m.ready = true
	return nil
}

// lock locks m, setting up a zero Memory with the defaults, drops the
// expired entries and returns the time; or it returns an error, unlocked,
// for a nil m or a nil or done ctx.
func (m *Memory) lock(ctx context.Context) (time.Time, error) {
	switch {
	case m == nil:
		return time.Time{}, fmt.Errorf("%w: nil *dedupe.Memory", ErrConfig)
	case ctx == nil:
		return time.Time{}, fmt.Errorf("%w: nil context", ErrConfig)
	case ctx.Err() != nil:
		return time.Time{}, ctx.Err()
	}
	m.mu.Lock()
	if !m.ready {
		_ = m.setup(MemoryConfig{}) // the defaults are valid
	}
	now := m.now()
	m.expire(now)
	return now, nil
}

// Claim takes key unless it is claimed or done.
func (m *Memory) Claim(ctx context.Context, key string) (string, State, error) {
	now, err := m.lock(ctx)
	if err != nil {
		return "", 0, err
	}
	defer m.mu.Unlock()
	if el, ok := m.entries[key]; ok {
		if e := el.Value.(*memoryEntry); now.Before(e.until) {
			if e.done {
				return "", Done, nil
			}
			return "", InProgress, nil
		}
		m.remove(el)
	}
	token := rand.Text()
	if err := m.put(&memoryEntry{key: key, token: token, until: now.Add(m.times.Lease)}); err != nil {
		return "", 0, err
	}
	return token, Claimed, nil
}

// Extend renews token's claim on key for another lease.
func (m *Memory) Extend(ctx context.Context, key, token string) error {
	now, err := m.lock(ctx)
	if err != nil {
		return err
	}
	defer m.mu.Unlock()
	el, ok := m.entries[key]
	if !ok {
		return ErrClaimLost
	}
	e := el.Value.(*memoryEntry)
	if e.done || e.token != token || !now.Before(e.until) {
		return ErrClaimLost
	}
	e.until = now.Add(m.times.Lease)
	m.claims.MoveToBack(el)
	return nil
}

// MarkDone records key as done for the keep time.
func (m *Memory) MarkDone(ctx context.Context, key, _ string) error {
	now, err := m.lock(ctx)
	if err != nil {
		return err
	}
	defer m.mu.Unlock()
	if el, ok := m.entries[key]; ok {
		m.remove(el)
	}
	return m.put(&memoryEntry{key: key, done: true, until: now.Add(m.times.Keep)})
}

// Release drops token's claim on key.
func (m *Memory) Release(ctx context.Context, key, token string) error {
	if _, err := m.lock(ctx); err != nil {
		return err
	}
	defer m.mu.Unlock()
	if el, ok := m.entries[key]; ok {
		if e := el.Value.(*memoryEntry); !e.done && e.token == token {
			m.remove(el)
		}
	}
	return nil
}

// Lease is how long a claim lasts unless extended (0 for a nil m).
func (m *Memory) Lease() time.Duration {
	if _, err := m.lock(context.Background()); err != nil {
		return 0
	}
	defer m.mu.Unlock()
	return m.times.Lease
}

// Len is how many unexpired entries the store holds (0 for a nil m).
func (m *Memory) Len() int {
	if _, err := m.lock(context.Background()); err != nil {
		return 0
	}
	defer m.mu.Unlock()
	return len(m.entries)
}

// expire drops the expired entries: those at the front of each list.
func (m *Memory) expire(now time.Time) {
	for _, l := range []*list.List{&m.claims, &m.done} {
		for el := l.Front(); el != nil && !now.Before(el.Value.(*memoryEntry).until); el = l.Front() {
			m.remove(el)
		}
	}
}

// put adds e once the store has room, forgetting the done marks that
// expire soonest; it fails with ErrFull if only running claims are left.
func (m *Memory) put(e *memoryEntry) error {
	for len(m.entries) >= m.max {
		oldest := m.done.Front()
		if oldest == nil {
			return fmt.Errorf("%w: %d deliveries being processed", ErrFull, len(m.entries))
		}
		m.remove(oldest)
	}
	l := &m.claims
	if e.done {
		l = &m.done
	}
	m.entries[e.key] = l.PushBack(e)
	return nil
}

// remove drops el.
func (m *Memory) remove(el *list.Element) {
	e := el.Value.(*memoryEntry)
	delete(m.entries, e.key)
	if e.done {
		m.done.Remove(el)
	} else {
		m.claims.Remove(el)
	}
}
