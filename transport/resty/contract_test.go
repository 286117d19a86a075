package resty_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/go-resty/resty/v2"

	"github.com/go-pusher/channels/transport"
	restydoer "github.com/go-pusher/channels/transport/resty"
	"github.com/go-pusher/channels/transport/transporttest"
)

func TestContract(t *testing.T) {
	transporttest.Run(t, func(t *testing.T) transport.Doer { return newContractDoer(t) })
}

// newContractDoer is a Doer of the adapter's own making with the suite's body cap.
func newContractDoer(t *testing.T) *restydoer.Doer {
	d := restydoer.New(restydoer.WithMaxBodyBytes(transporttest.MaxBodyBytes))
	t.Cleanup(d.CloseIdleConnections)
	return d
}

// TestContractWithClient runs the suite through a caller's client that, left
// alone, would retry, follow redirects and unescape query strings.
func TestContractWithClient(t *testing.T) {
	transporttest.Run(t, func(t *testing.T) transport.Doer { return newContractDoerWithClient(t) })
}

// newContractDoerWithClient is a Doer on a caller's client that, left
// alone, would retry, follow redirects and unescape query strings.
func newContractDoerWithClient(t *testing.T) *restydoer.Doer {
	c := resty.NewWithClient(&http.Client{
		Transport: &http.Transport{MaxIdleConnsPerHost: 32, IdleConnTimeout: time.Minute},
	})
	c.SetRetryCount(3).SetRetryWaitTime(time.Millisecond)
	c.SetRedirectPolicy(resty.FlexibleRedirectPolicy(10))
	c.SetUnescapeQueryParams(true)
	d := restydoer.New(restydoer.WithClient(c), restydoer.WithMaxBodyBytes(transporttest.MaxBodyBytes))
	t.Cleanup(d.CloseIdleConnections)
	return d
}
