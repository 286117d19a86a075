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
// [0-9a-f]. Implementations are safe for concurrent use, and their methods
// return an error matching ErrConfig, never panic, on a nil or unusable
// receiver.
type Store interface {
	// Claim takes key for the caller, for one Lease, unless it is claimed
	// or done, and returns the token that proves the claim (empty unless
	// Claimed).
	Claim(ctx context.Context, key string) (token string, state State, err error)
	// Extend renews token's claim on key for another Lease, from now, if
	// token still holds it; otherwise it fails with ErrClaimLost and
	// changes nothing.
	Extend(ctx context.Context, key, token string) error
	// MarkDone records key as done, ending the claim.
	MarkDone(ctx context.Context, key, token string) error
	// Release ends the claim token holds on key, if it still holds it, so
	// that another caller may claim key at once.
	Release(ctx context.Context, key, token string) error
	// Lease is how long a claim lasts unless extended: positive for a
	// usable store. A receiver extends its claim every third of it while
	// the callback runs.
	Lease() time.Duration
}

// ErrClaimLost is Extend's error when the token no longer holds the claim:
// it expired, was released or the delivery was marked done. A receiver
// cancels its callback's context with this cause when it loses the claim.
var ErrClaimLost = errors.New("dedupe: claim lost")

// ErrFull is Claim's error (and MarkDone's) when a bounded store holds
// nothing but claims still running: the receiver answers 503 and the
// service retries later.
var ErrFull = errors.New("dedupe: store full of running claims")

// Default times of a Store.
const (
	// DefaultLease is how long a claim lasts unless extended: a receiver
	// that dies mid-callback holds its delivery this long at most.
	DefaultLease = time.Minute
	// DefaultKeep is how long a delivery is remembered as done; the
	// service retries a delivery for a few minutes at most.
	DefaultKeep = 24 * time.Hour
)

// Times are how long a Store's claims and done marks last.
type Times struct {
	// Lease is how long a claim lasts unless extended, marked done or
	// released: how long the delivery of a receiver that died mid-callback
	// stays blocked. The receiver renews it while the callback runs, so it
	// need not exceed the callback's longest run, only the store's longest
	// hiccup. 0 means DefaultLease.
	Lease time.Duration
	// Keep is how long a done delivery is remembered. 0 means DefaultKeep.
	Keep time.Duration
}

// ErrConfig is matched by the error of a Store constructor given a bad
// value, and by that of every method of a nil or unusable Store.
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
