package transporttest

import (
	"errors"
	"fmt"
	"testing"

	"github.com/go-pusher/channels/transport"
)

// MaxBodyBytes is the response body cap the checks expect: a Doer under
// test must refuse a body longer than this, with an error wrapping
// transport.ErrBodyTooLarge, and accept one of exactly this length.
const MaxBodyBytes = 64 << 10

// check is one named promise of the contract.
type check struct {
	name string
	run  func(d transport.Doer) error
}

// checks are the contract's promises, in the order they run.
var checks = []check{
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

// TestDoer runs every check of the contract, each against a fresh Doer
// from newDoer (whose body cap must be MaxBodyBytes), and returns nil if
// all pass, or an error with one line per failed check, "name: what
// broke". The error wraps what each check found, so errors.Is sees an
// adapter's own errors through it.
func TestDoer(newDoer func() transport.Doer) error {
	var errs []error
	for _, c := range checks {
		if err := c.verify(newDoer()); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", c.name, err))
		}
	}
	return errors.Join(errs...)
}

// Run runs every check as a subtest of t, each against a fresh Doer from
// newDoer, which may register cleanups on the subtest it is given.
func Run(t *testing.T, newDoer func(t *testing.T) transport.Doer) {
	t.Helper()
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			if err := c.verify(newDoer(t)); err != nil {
				t.Error(err)
			}
		})
	}
}

// verify runs the check against d. A panic becomes an error, and d's idle
// connections are closed afterwards when it is a transport.IdleCloser.
func (c check) verify(d transport.Doer) (err error) {
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
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return c.run(d)
}
