package fasthttp_test

import (
	"testing"

	"github.com/go-pusher/channels/internal/testsupport/contract"
	fasthttpdoer "github.com/go-pusher/channels/transport/fasthttp"
)

// TestBadInput: Do and DoInto on a Doer New did not build (zero or nil),
// or with a nil request or Response, return errors and never panic; so
// does CloseIdleConnections on an unbuilt Doer, which does nothing.
func TestBadInput(t *testing.T) {
	built := fasthttpdoer.New()
	defer built.CloseIdleConnections()
	var zero fasthttpdoer.Doer
	var none *fasthttpdoer.Doer
	contract.RunBadInput(t, built, &zero, none)
	zero.CloseIdleConnections()
	none.CloseIdleConnections()
}
