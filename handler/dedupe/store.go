package dedupe

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// State is what Claim found.
type State int

// The states of a delivery in a Store.
const (
	// Claimed: nobody held the delivery and it was not done; the caller
	// holds it now, for the Store's lease, and must MarkDone or Release it.
	Claimed State = iota + 1
	// InProgress: another caller's claim has not expired. Try again later.
	InProgress
	// Done: the delivery was processed, within the Store's keep time.
	Done
)

// String names the state.
func (s State) String() string {
	switch s {
	case Claimed:
		return "claimed"
	case InProgress:
		return "in progress"
	case Done:
		return "done"
	}
	return fmt.Sprintf("State(%d)", int(s))
}

// Store records which deliveries are being processed and which are done,
// for every receiver that shares it. Keys are opaque, at most 64 bytes of
// [0-9a-f]. Implementations are safe for concurrent use.
type Store interface {
	// Claim takes key for the caller unless it is claimed or done, and
	// returns the token that proves the claim (empty unless Claimed).
	Claim(ctx context.Context, key string) (token string, state State, err error)
	// MarkDone records key as done, ending the claim.
	MarkDone(ctx context.Context, key, token string) error
	// Release ends the claim token holds on key, if it still holds it, so
	// that another caller may claim key at once.
	Release(ctx context.Context, key, token string) error
}

// Default times of a Store.
const (
	// DefaultLease is how long a claim lasts: a callback that runs longer
	// may see a copy of its delivery start elsewhere.
	DefaultLease = time.Minute
	// DefaultKeep is how long a delivery is remembered as done; the
	// service retries a delivery for a few minutes at most.
	DefaultKeep = 24 * time.Hour
)

// Times are how long a Store's claims and done marks last.
type Times struct {
	// Lease is how long a claim lasts unless marked done or released; it
	// should exceed the callback's longest run. 0 means DefaultLease.
	Lease time.Duration
	// Keep is how long a done delivery is remembered. 0 means DefaultKeep.
	Keep time.Duration
}

// ErrConfig is matched by the error of a Store constructor given a bad value.
var ErrConfig = errors.New("dedupe: bad configuration")

// WithDefaults returns t with zero fields set to the defaults, or an
// error matching ErrConfig for a negative field or a Keep shorter than the
// Lease.
func (t Times) WithDefaults() (Times, error) {
	if t.Lease == 0 {
		t.Lease = DefaultLease
	}
	if t.Keep == 0 {
		t.Keep = DefaultKeep
	}
	switch {
	case t.Lease < 0 || t.Keep < 0:
		return Times{}, fmt.Errorf("%w: negative lease or keep time", ErrConfig)
	case t.Keep < t.Lease:
		return Times{}, fmt.Errorf("%w: keep time %s shorter than the lease %s", ErrConfig, t.Keep, t.Lease)
	}
	return t, nil
}
