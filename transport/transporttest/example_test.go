package transporttest_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/go-pusher/channels/transport"
	"github.com/go-pusher/channels/transport/nethttp"
	"github.com/go-pusher/channels/transport/transporttest"
)

// In an adapter's own _test.go file, as func TestContract(t *testing.T).
func ExampleRun() {
	testContract := func(t *testing.T) {
		transporttest.Run(t, func(t *testing.T) transport.Doer {
			d := nethttp.New(nethttp.WithMaxBodyBytes(transporttest.MaxBodyBytes))
			t.Cleanup(d.CloseIdleConnections)
			return d
		})
	}
	_ = testContract
}

func ExampleTestDoer() {
	err := transporttest.TestDoer(func() transport.Doer {
		return nethttp.New(nethttp.WithMaxBodyBytes(transporttest.MaxBodyBytes))
	})
	fmt.Println(err)

	// An adapter that turns 5xx answers into errors breaks one promise.
	err = transporttest.TestDoer(func() transport.Doer {
		inner := nethttp.New(nethttp.WithMaxBodyBytes(transporttest.MaxBodyBytes))
		return transport.DoerFunc(func(ctx context.Context, req *transport.Request) (*transport.Response, error) {
			resp, err := inner.Do(ctx, req)
			if err == nil && resp.StatusCode >= 500 {
				return nil, fmt.Errorf("status %d", resp.StatusCode)
			}
			return resp, err
		})
	})
	fmt.Println(strings.Split(err.Error(), ":")[0])
	// Output:
	// <nil>
	// error_statuses_are_responses
}
