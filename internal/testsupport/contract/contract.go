package contract

import (
	"errors"
	"fmt"
	"testing"

	"github.com/go-pusher/channels/internal/fastpath"
	"github.com/go-pusher/channels/transport"
)

// TestMaxBodyBytes is the response body cap the suite expects: the Doer that
// newDoer returns must reject a body longer than this and accept one of
// exactly this length.
const TestMaxBodyBytes = 64 << 10

// Check is one named property of the transport contract.
type Check struct {
	// Name says what the check proves; Run uses it as the subtest name.
	Name string
	// Func exercises d against its own local servers and returns nil when d
	// keeps the property, or an error describing how it broke it.
	Func func(d transport.Doer) error
}

// Checks returns every check of the contract, in the order Run runs them.
func Checks() []Check {
	return []Check{
		{"methods_and_headers", checkMethodsAndHeaders},
		{"request_and_response_bodies", checkBodies},
		{"error_statuses_are_responses", checkErrorStatuses},
		{"redirects_not_followed", checkNoRedirects},
		{"url_sent_byte_for_byte", checkURLByteForByte},
		{"ctx_deadline", checkDeadline},
		{"ctx_cancel_in_flight", checkCancelInFlight},
		{"ctx_cancelled_before_send", checkCancelledBeforeSend},
		{"connection_reset_is_error", checkConnectionReset},
		{"body_cap", checkBodyCap},
		{"connection_reuse", checkConnectionReuse},
		{"response_owned_by_caller", checkResponseOwnership},
		{"request_left_untouched", checkRequestUntouched},
		{"bad_input_is_error", checkBadInput},
		{"errors_hide_signed_query", checkErrorsHideQuery},
	}
}

// ReusingChecks returns the checks a fastpath.Doer must pass on
// top of Checks, in the order RunReusing runs them. Each fails for a Doer
// that is not a fastpath.Doer.
func ReusingChecks() []Check {
	return []Check{
		{"into_replaces_lent_response", checkIntoReplaces},
		{"into_leaves_lent_response_after_return", checkIntoLeavesLentResponse},
		{"into_deadline", checkIntoDeadline},
		{"into_nil_response_is_error", checkIntoNilResponse},
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

// Run runs every check as a subtest of t, each with a fresh Doer from
// newDoer. newDoer must configure the Doer's body cap to TestMaxBodyBytes;
// it may register cleanups on the subtest it is given.
func Run(t *testing.T, newDoer func(t *testing.T) transport.Doer) {
	t.Helper()
	for _, c := range Checks() {
		t.Run(c.Name, func(t *testing.T) {
			if err := c.Verify(newDoer(t)); err != nil {
				t.Error(err)
			}
		})
	}
}

// ReusingDoer is a Doer with the fast path (fastpath.Doer), as an
// adapter that has it is.
type ReusingDoer interface {
	transport.Doer
	fastpath.Doer
}

// RunReusing runs, as subtests of t, every check of Checks through DoInto
// (each call lent a Response that still holds an earlier answer, as a
// client's pool lends them) and then ReusingChecks. newDoer is as for Run.
// An adapter that implements fastpath.Doer runs both Run and
// RunReusing.
func RunReusing(t *testing.T, newDoer func(t *testing.T) ReusingDoer) {
	t.Helper()
	for _, c := range Checks() {
		if c.Name == "bad_input_is_error" || c.Name == "errors_hide_signed_query" {
			// The fast path takes only requests the client built, which
			// it does not check again: Do's run covers bad input.
			continue
		}
		t.Run("lent/"+c.Name, func(t *testing.T) {
			if err := c.Verify(&lendingDoer{inner: newDoer(t)}); err != nil {
				t.Error(err)
			}
		})
	}
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
