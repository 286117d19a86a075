package resty_test

import (
	"testing"

	"github.com/go-pusher/channels/internal/testsupport/contract"
	restydoer "github.com/go-pusher/channels/transport/resty"
)

// TestBadInput: Do and DoInto on a Doer New did not build (zero or nil),
// or with a nil request or Response, return errors and never panic; so
// does CloseIdleConnections on an unbuilt Doer, which does nothing.
func TestBadInput(t *testing.T) {
	built := restydoer.New()
	defer built.CloseIdleConnections()
	var zero restydoer.Doer
	var none *restydoer.Doer
	contract.RunBadInput(t, built, &zero, none)
	zero.CloseIdleConnections()
	none.CloseIdleConnections()
}
