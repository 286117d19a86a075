package contract

import (
	"errors"
	"fmt"
	"testing"

	"github.com/go-pusher/channels/internal/fastpath"
	"github.com/go-pusher/channels/transport"
	"github.com/go-pusher/channels/transport/transporttest"
)

// ReusingDoer is a Doer with the fast path (fastpath.Doer), as an
// adapter that has it is.
type ReusingDoer interface {
	transport.Doer
	fastpath.Doer
}

// Check is one named promise of DoInto.
type Check struct {
	// Name says what the check proves; RunReusing uses it as the subtest name.
	Name string
	// Func exercises d against its own local servers and returns nil when d
	// keeps the promise, or an error describing how it broke it.
	Func func(d transport.Doer) error
}

// ReusingChecks returns the checks a fastpath.Doer must pass on
// top of transporttest's. Each fails for a Doer that is not a ReusingDoer.
func ReusingChecks() []Check {
	return []Check{
		{"into_replaces_lent_response", checkIntoReplaces},
		{"into_leaves_lent_response_after_return", checkIntoLeavesLentResponse},
		{"into_deadline", checkIntoDeadline},
		{"into_nil_response_is_error", checkIntoNilResponse},
		{"into_failure_header_when_lent_none", checkIntoFailureHeader},
	}
}

// Verify runs the check against d. A panic becomes an error, and d's idle
// connections are closed afterwards when it is a transport.IdleCloser.
func (c Check) Verify(d transport.Doer) (err error) {
	if d == nil {
		return errors.New("newDoer returned a nil Doer")
	}
	defer func() {
		if ic, ok := d.(transport.IdleCloser); ok {
			ic.CloseIdleConnections()
		}
	}()
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: panic: %v", c.Name, r)
		}
	}()
	return c.Func(d)
}

// RunReusing runs, as subtests of t, every transporttest check through
// DoInto (each call lent a Response that still holds an earlier answer,
// as a client's pool lends them) and then ReusingChecks. newDoer must set
// the body cap to transporttest.MaxBodyBytes.
func RunReusing(t *testing.T, newDoer func(t *testing.T) ReusingDoer) {
	t.Helper()
	t.Run("lent", func(t *testing.T) {
		transporttest.Run(t, func(t *testing.T) transport.Doer { return &lendingDoer{inner: newDoer(t)} })
	})
	for _, c := range ReusingChecks() {
		t.Run(c.Name, func(t *testing.T) {
			d := newDoer(t)
			if d == nil {
				t.Fatal("newDoer returned a nil ReusingDoer")
			}
			if err := c.Verify(d); err != nil {
				t.Error(err)
			}
		})
	}
}
