package fasthttp_test

import (
	"testing"
	"time"

	"github.com/valyala/fasthttp"

	"github.com/go-pusher/channels/internal/testsupport/contract"
	"github.com/go-pusher/channels/transport"
	fasthttpdoer "github.com/go-pusher/channels/transport/fasthttp"
	"github.com/go-pusher/channels/transport/transporttest"
)

func TestContract(t *testing.T) {
	transporttest.Run(t, func(t *testing.T) transport.Doer { return newContractDoer(t) })
	contract.RunReusing(t, func(t *testing.T) contract.ReusingDoer { return newContractDoer(t) })
}

// newContractDoer is a Doer of the adapter's own making with the suite's body cap.
func newContractDoer(t *testing.T) *fasthttpdoer.Doer {
	d := fasthttpdoer.New(fasthttpdoer.WithMaxBodyBytes(transporttest.MaxBodyBytes))
	t.Cleanup(d.CloseIdleConnections)
	return d
}

// TestContractWithClient runs the suite through a caller's client set up as
// WithClient asks, with no body cap of its own: the Doer enforces it.
func TestContractWithClient(t *testing.T) {
	transporttest.Run(t, func(t *testing.T) transport.Doer { return newContractDoerWithClient(t) })
	contract.RunReusing(t, func(t *testing.T) contract.ReusingDoer { return newContractDoerWithClient(t) })
}

// newContractDoerWithClient is a Doer on a caller's client set up as
// WithClient asks.
func newContractDoerWithClient(t *testing.T) *fasthttpdoer.Doer {
	c := &fasthttp.Client{
		DisablePathNormalizing:    true,
		MaxIdemponentCallAttempts: 1,
		RetryIfErr:                func(*fasthttp.Request, int, error) (bool, bool) { return false, false },
		ReadTimeout:               10 * time.Second,
	}
	d := fasthttpdoer.New(fasthttpdoer.WithClient(c), fasthttpdoer.WithMaxBodyBytes(transporttest.MaxBodyBytes))
	t.Cleanup(d.CloseIdleConnections)
	return d
}
