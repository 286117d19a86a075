package pusher_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/pushertest"
	"github.com/go-pusher/channels/transport"
	"github.com/go-pusher/channels/transport/nethttp"
)

// wireDoer returns the default net/http transport, its idle connections
// closed when the test ends.
func wireDoer(t *testing.T) *nethttp.Doer {
	t.Helper()
	d := nethttp.New()
	t.Cleanup(d.CloseIdleConnections)
	return d
}

// gate holds requests until it is opened, telling entered about each.
type gate struct {
	open    chan struct{}
	entered chan struct{}
	once    sync.Once
}

// newGate returns a closed gate whose entered channel holds up to n signals.
func newGate(n int) *gate {
	return &gate{open: make(chan struct{}), entered: make(chan struct{}, n)}
}

// Open lets every held and later request through.
func (g *gate) Open() { g.once.Do(func() { close(g.open) }) }

// Wrap returns next behind the gate; a request whose ctx ends while held
// fails with ctx's error.
func (g *gate) Wrap(next transport.Doer) transport.DoerFunc {
	return func(ctx context.Context, req *transport.Request) (*transport.Response, error) {
		select {
		case g.entered <- struct{}{}:
		default:
		}
		select {
		case <-g.open:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		return next.Do(ctx, req)
	}
}

// outcomes records every callback of a Publisher by event data.
type outcomes struct {
	mu        sync.Mutex
	delivered map[string]int
	failed    map[string]int
	errs      map[string]error
}

func newOutcomes() *outcomes {
	return &outcomes{delivered: map[string]int{}, failed: map[string]int{}, errs: map[string]error{}}
}

// options returns PublisherOptions reporting to o, on top of base.
func (o *outcomes) options(base pusher.PublisherOptions) pusher.PublisherOptions {
	base.OnDelivered = func(e pusher.Event) {
		o.mu.Lock()
		defer o.mu.Unlock()
		o.delivered[eventKey(e)]++
	}
	base.OnError = func(e pusher.Event, err error) {
		o.mu.Lock()
		defer o.mu.Unlock()
		o.failed[eventKey(e)]++
		o.errs[eventKey(e)] = err
	}
	return base
}

// counts returns how many events were delivered and failed, and copies.
func (o *outcomes) snapshot() (delivered, failed map[string]int, errs map[string]error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	d, f, e := map[string]int{}, map[string]int{}, map[string]error{}
	for k, v := range o.delivered {
		d[k] = v
	}
	for k, v := range o.failed {
		f[k] = v
	}
	for k, v := range o.errs {
		e[k] = v
	}
	return d, f, e
}

// eventKey identifies an event of these tests by its data.
func eventKey(e pusher.Event) string {
	switch d := e.Data.(type) {
	case string:
		return d
	case []byte:
		return string(d)
	}
	return e.Channel + "/" + e.Name
}

// newPublisher builds a Publisher on c and closes it when the test ends.
func newPublisher(t *testing.T, c *pusher.Client, opts pusher.PublisherOptions) *pusher.Publisher {
	t.Helper()
	p, err := pusher.NewPublisher(c, opts)
	if err != nil {
		t.Fatalf("NewPublisher: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = p.Close(ctx)
	})
	return p
}

// closePublisher closes p with a generous bound, failing the test on error.
func closePublisher(t *testing.T, p *pusher.Publisher) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := p.Close(ctx); err != nil {
		t.Fatalf("Close: %v", err)
	}
}

// eventsByData counts srv's accepted events by data.
func eventsByData(srv *pushertest.Server) map[string]int {
	seen := map[string]int{}
	for _, ev := range srv.Events() {
		seen[ev.Data]++
	}
	return seen
}
