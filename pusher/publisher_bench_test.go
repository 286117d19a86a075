package pusher_test

import (
	"context"
	"strings"
	"testing"

	"github.com/go-pusher/channels/pusher"
)

// BenchmarkPublisherPublish measures an event of ~100 bytes of string data
// through a Publisher from parallel goroutines, to delivery, without the
// network: per event, its share of the batch requests included.
func BenchmarkPublisherPublish(b *testing.B) {
	p, err := pusher.NewPublisher(newStubClient(b), pusher.PublisherOptions{})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	e := pusher.Event{Channel: "my-channel", Name: "my-event", Data: strings.Repeat(`{"k":"v"},`, 10)}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := p.Publish(ctx, e); err != nil {
				b.Error(err)
				return
			}
		}
	})
	if err := p.Close(ctx); err != nil {
		b.Fatal(err)
	}
	if s := p.Stats(); s.Delivered != int64(b.N) {
		b.Fatalf("delivered %d of %d", s.Delivered, b.N)
	}
	b.ReportMetric(float64(b.N)/float64(p.Stats().Requests), "events/request")
}
