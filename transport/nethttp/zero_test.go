package nethttp_test

import (
	"testing"

	"github.com/go-pusher/channels/internal/testsupport/contract"
	"github.com/go-pusher/channels/transport/nethttp"
)

// TestBadInput: Do and DoInto on a Doer New did not build (zero or nil),
// or with a nil request or Response, return errors and never panic; so
// does CloseIdleConnections on an unbuilt Doer, which does nothing.
func TestBadInput(t *testing.T) {
	built := nethttp.New()
	defer built.CloseIdleConnections()
	var zero nethttp.Doer
	var none *nethttp.Doer
	contract.RunBadInput(t, built, &zero, none)
	zero.CloseIdleConnections()
	none.CloseIdleConnections()
}
