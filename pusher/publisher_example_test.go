package pusher_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/pushertest"
)

// exampleClient returns a client for the local fake srv.
func exampleClient(srv *pushertest.Server, opts ...pusher.Option) *pusher.Client {
	app := srv.App()
	c, err := pusher.New(app.ID, app.Key, app.Secret, append([]pusher.Option{pusher.WithHost(srv.Host()), pusher.WithTLS(false)}, opts...)...)
	if err != nil {
		log.Fatal(err)
	}
	return c
}

func ExampleNewPublisher() {
	srv := pushertest.NewServer()
	defer srv.Close()
	c := exampleClient(srv)

	p, err := pusher.NewPublisher(c, pusher.PublisherOptions{
		// Every event Publish accepts is delivered or handed to OnError, once.
		OnError: func(e pusher.Event, err error) {
			log.Printf("not delivered: %s on %s: %v", e.Name, e.Channel, err)
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	for i := range 25 {
		e := pusher.Event{Channel: "orders", Name: "order-placed", Data: fmt.Sprintf(`{"id":%d}`, i)}
		if err := p.Publish(ctx, e); err != nil {
			log.Fatal(err)
		}
	}
	// On shutdown: Close sends what is queued, bounded by its context.
	shutdown, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := p.Close(shutdown); err != nil {
		log.Fatal(err)
	}
	s := p.Stats()
	fmt.Println("delivered:", s.Delivered, "failed:", s.Failed, "the fake got:", len(srv.Events()))
	// Output: delivered: 25 failed: 0 the fake got: 25
}

func ExamplePublisher_Publish() {
	srv := pushertest.NewServer()
	defer srv.Close()
	p, err := pusher.NewPublisher(exampleClient(srv), pusher.PublisherOptions{})
	if err != nil {
		log.Fatal(err)
	}
	defer p.Close(context.Background())

	// A bad event is refused at once and never queued.
	err = p.Publish(context.Background(), pusher.Event{Channel: "no spaces", Name: "ev", Data: "x"})
	var ve *pusher.ValidationError
	if errors.As(err, &ve) {
		fmt.Println("refused:", ve.Field)
	}

	// ctx bounds only the wait for room in a full queue; the event is sent
	// with the Publisher's own context, after the caller's has ended.
	reqCtx, cancel := context.WithTimeout(context.Background(), time.Second)
	err = p.Publish(reqCtx, pusher.Event{Channel: "chat", Name: "message", Data: map[string]string{"text": "hi"}, SocketID: "123.456"})
	cancel()
	if err != nil {
		log.Fatal(err)
	}
	if err := p.Flush(context.Background()); err != nil {
		log.Fatal(err)
	}
	ev := srv.Events()[0]
	fmt.Println(ev.Channel, ev.Name, ev.Data, "excluded:", ev.SocketID)
	// Output:
	// refused: channel
	// chat message {"text":"hi"} excluded: 123.456
}

func ExamplePublisher_Flush() {
	srv := pushertest.NewServer()
	defer srv.Close()
	p, err := pusher.NewPublisher(exampleClient(srv), pusher.PublisherOptions{})
	if err != nil {
		log.Fatal(err)
	}
	defer p.Close(context.Background())

	ctx := context.Background()
	for _, step := range []string{"queued", "packed", "shipped"} {
		if err := p.Publish(ctx, pusher.Event{Channel: "order-42", Name: "status", Data: step}); err != nil {
			log.Fatal(err)
		}
	}
	// Flush returns once everything published before it is delivered or
	// reported, e.g. before acknowledging the message that caused it.
	if err := p.Flush(ctx); err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(srv.Events()), "events delivered")
	// Output: 3 events delivered
}

func ExamplePublisher_Close() {
	srv := pushertest.NewServer()
	defer srv.Close()
	p, err := pusher.NewPublisher(exampleClient(srv), pusher.PublisherOptions{})
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	if err := p.Publish(ctx, pusher.Event{Channel: "news", Name: "story", Data: "last one"}); err != nil {
		log.Fatal(err)
	}
	// Close drains and ends the Publisher's goroutines. Had its context
	// ended first, what was not delivered would have gone to OnError and
	// Close would have returned the context's error.
	shutdown, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := p.Close(shutdown); err != nil {
		log.Fatal(err)
	}
	fmt.Println(srv.Events()[0].Data)

	err = p.Publish(ctx, pusher.Event{Channel: "news", Name: "story", Data: "too late"})
	fmt.Println(errors.Is(err, pusher.ErrPublisherClosed))
	// Output:
	// last one
	// true
}
