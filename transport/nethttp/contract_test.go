package nethttp_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/go-pusher/channels/transport"
	"github.com/go-pusher/channels/transport/nethttp"
	"github.com/go-pusher/channels/transport/transporttest"
)

func TestContract(t *testing.T) {
	transporttest.Run(t, func(t *testing.T) transport.Doer { return newContractDoer(t) })
}

// newContractDoer is a Doer of the adapter's own making with the suite's body cap.
func newContractDoer(t *testing.T) *nethttp.Doer {
	d := nethttp.New(nethttp.WithMaxBodyBytes(transporttest.MaxBodyBytes))
	t.Cleanup(d.CloseIdleConnections)
	return d
}

// TestContractWithHTTPClient runs the suite through a caller's client that
// would follow redirects and keeps few idle connections by default.
func TestContractWithHTTPClient(t *testing.T) {
	transporttest.Run(t, func(t *testing.T) transport.Doer { return newContractDoerWithClient(t) })
}

// newContractDoerWithClient is a Doer on a caller's client.
func newContractDoerWithClient(t *testing.T) *nethttp.Doer {
	client := &http.Client{
		Transport: &http.Transport{MaxIdleConnsPerHost: 32, IdleConnTimeout: time.Minute},
	}
	d := nethttp.New(nethttp.WithHTTPClient(client), nethttp.WithMaxBodyBytes(transporttest.MaxBodyBytes))
	t.Cleanup(d.CloseIdleConnections)
	return d
}
