package load

import (
	"context"

	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/transport"
	fasthttpdoer "github.com/go-pusher/channels/transport/fasthttp"
	restydoer "github.com/go-pusher/channels/transport/resty"
)

// DiagNoTimeout names the diagnostic client: the SDK on fasthttp with
// WithTimeout(0), so a call's context has no deadline and the adapter
// needs no goroutine; the difference to sdk/fasthttp is the cost of the
// default per-call timeout.
const DiagNoTimeout = "sdk/fasthttp-t0"

// NewSDKClients returns the SDK on each transport, with its defaults
// (including the default per-call timeout), triggering data on addr; with
// diag, also the DiagNoTimeout client.
func NewSDKClients(addr, data string, diag bool) ([]Client, error) {
	specs := []struct {
		name, baseline string
		doer           transport.Doer // nil: the SDK's default, net/http
	}{
		{"sdk/fasthttp", RawFasthttp, fasthttpdoer.New()},
		{"sdk/nethttp", RawNethttp, nil},
		{"sdk/resty", RawResty, restydoer.New()},
	}
	var clients []Client
	for _, sp := range specs {
		c, err := NewSDK(addr, sp.doer)
		if err != nil {
			return nil, err
		}
		clients = append(clients, sdkClient(sp.name, sp.baseline, c, sp.doer, data))
	}
	if diag {
		d := fasthttpdoer.New()
		c, err := NewSDK(addr, d, pusher.WithTimeout(0))
		if err != nil {
			return nil, err
		}
		clients = append(clients, sdkClient(DiagNoTimeout, RawFasthttp, c, d, data))
	}
	return clients, nil
}

// NewSDK returns a pusher client for the harness's app at addr over plain
// HTTP, sending through d (nil for the default transport) plus opts.
func NewSDK(addr string, d transport.Doer, opts ...pusher.Option) (*pusher.Client, error) {
	opts = append([]pusher.Option{pusher.WithHost(addr), pusher.WithTLS(false)}, opts...)
	if d != nil {
		opts = append(opts, pusher.WithTransport(d))
	}
	return pusher.New(AppID, Key, Secret, opts...)
}

// sdkClient triggers data with c, which sends through d (nil for the
// default transport); all workers share c, as an application shares one
// client.
func sdkClient(name, baseline string, c *pusher.Client, d transport.Doer, data string) Client {
	trigger := func(ctx context.Context) error {
		_, err := c.Trigger(ctx, Channel, Event, data)
		return err
	}
	return Client{
		Name:      name,
		Baseline:  baseline,
		NewWorker: func() Trigger { return trigger },
		Close: func() {
			if ic, ok := d.(transport.IdleCloser); ok {
				ic.CloseIdleConnections()
			}
		},
	}
}
