package load

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/go-pusher/channels/domain"
	"github.com/go-pusher/channels/pusher"
	fasthttpdoer "github.com/go-pusher/channels/transport/fasthttp"
)

// PublisherFasthttp names the Publisher on the fasthttp transport, with
// its defaults.
const PublisherFasthttp = "publisher/fasthttp"

// latencySample is how often a producer's event carries its publish time.
const latencySample = 16

// extraClients returns the clients compared with raw fasthttp per event
// rather than per trigger: the Publisher, whose producers' Publish returns
// once the event is queued, and which settles (Flush) within each slice.
// Every latencySample-th event of a producer carries the moment it was
// published, for the server's publish-to-delivered latency; the others
// carry the same data as every trigger, so that measuring costs the
// producers next to nothing.
func extraClients(addr string, payload int) ([]Client, error) {
	d := fasthttpdoer.New()
	c, err := NewSDK(addr, d)
	if err != nil {
		return nil, err
	}
	var mu sync.Mutex
	var failed int64
	var firstErr error
	p, err := pusher.NewPublisher(c, pusher.PublisherOptions{OnError: func(_ pusher.Event, err error) {
		mu.Lock()
		defer mu.Unlock()
		failed++
		if firstErr == nil {
			firstErr = err
		}
	}})
	if err != nil {
		return nil, err
	}
	data := Payload(payload)
	return []Client{{
		Name:       PublisherFasthttp,
		Baseline:   RawFasthttp,
		SliceScale: domain.DefaultLimits().MaxEventsPerBatch,
		NewWorker: func() Trigger {
			n := 0
			return func(ctx context.Context) error {
				e := pusher.Event{Channel: Channel, Name: Event, Data: data}
				if n%latencySample == 0 {
					e.Data = EventData(payload, time.Now())
				}
				n++
				return p.Publish(ctx, e)
			}
		},
		Settle: func(ctx context.Context) error {
			if err := p.Flush(ctx); err != nil {
				return err
			}
			mu.Lock()
			defer mu.Unlock()
			if failed > 0 {
				err := fmt.Errorf("%d events failed, the first with: %w", failed, firstErr)
				failed, firstErr = 0, nil
				return err
			}
			return nil
		},
		Close: func() {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			_ = p.Close(ctx)
			_ = d.Close()
		},
	}}, nil
}
