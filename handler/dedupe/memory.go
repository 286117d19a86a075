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
	// When it is full the entry changed longest ago is forgotten first: set
	// it above the deliveries you receive within Times.Keep.
	MaxEntries int
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Memory is a Store in this process's memory, for a receiver that runs as
// one instance. It is bounded, forgets entries as they expire, and starts
// no goroutine.
type Memory struct {
	times Times
	max   int
	now   func() time.Time

	mu      sync.Mutex
	entries map[string]*list.Element // of *memoryEntry
	order   *list.List               // least recently changed first
}

// memoryEntry is a claim (token set) or a done mark, valid until until.
type memoryEntry struct {
	key, token string
	done       bool
	until      time.Time
}

// NewMemory returns an empty Memory store.
func NewMemory(cfg MemoryConfig) (*Memory, error) {
	times, err := cfg.Times.WithDefaults()
	if err != nil {
		return nil, err
	}
	switch {
	case cfg.MaxEntries < 0:
		return nil, fmt.Errorf("%w: negative MaxEntries", ErrConfig)
	case cfg.MaxEntries == 0:
		cfg.MaxEntries = DefaultMaxEntries
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Memory{times: times, max: cfg.MaxEntries, now: cfg.Now,
		entries: make(map[string]*list.Element), order: list.New()}, nil
}

// Claim takes key unless it is claimed or done.
func (m *Memory) Claim(ctx context.Context, key string) (string, State, error) {
	if err := ctx.Err(); err != nil {
		return "", 0, err
	}
	now := m.now()
	m.mu.Lock()
	defer m.mu.Unlock()
	m.expire(now)
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
	m.put(&memoryEntry{key: key, token: token, until: now.Add(m.times.Lease)})
	return token, Claimed, nil
}

// MarkDone records key as done for the keep time.
func (m *Memory) MarkDone(ctx context.Context, key, _ string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	now := m.now()
	m.mu.Lock()
	defer m.mu.Unlock()
	if el, ok := m.entries[key]; ok {
		m.remove(el)
	}
	m.put(&memoryEntry{key: key, done: true, until: now.Add(m.times.Keep)})
	return nil
}

// Release drops token's claim on key.
func (m *Memory) Release(_ context.Context, key, token string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if el, ok := m.entries[key]; ok {
		if e := el.Value.(*memoryEntry); !e.done && e.token == token {
			m.remove(el)
		}
	}
	return nil
}

// Len is how many entries the store holds, expired ones not yet dropped
// included.
func (m *Memory) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.entries)
}

// expire drops the expired entries at the front. Entries behind an
// unexpired one wait their turn; Claim checks expiry itself.
func (m *Memory) expire(now time.Time) {
	for el := m.order.Front(); el != nil && !now.Before(el.Value.(*memoryEntry).until); el = m.order.Front() {
		m.remove(el)
	}
}

// put adds e, forgetting the oldest entries while the store is full.
func (m *Memory) put(e *memoryEntry) {
	for len(m.entries) >= m.max {
		m.remove(m.order.Front())
	}
	m.entries[e.key] = m.order.PushBack(e)
}

// remove drops el.
func (m *Memory) remove(el *list.Element) {
	delete(m.entries, el.Value.(*memoryEntry).key)
	m.order.Remove(el)
}
