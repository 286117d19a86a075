package pusher_test

import (
	"context"
	"fmt"
	"log"
	"net/url"
	"time"

	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/pushertest"
	"github.com/go-pusher/channels/transport"
)

// printPath is a transport that prints where each request goes and
// answers {}: a stand-in for a server mounted under a prefix.
var printPath = transport.DoerFunc(func(_ context.Context, req *transport.Request) (*transport.Response, error) {
	u, err := url.Parse(req.URL)
	if err != nil {
		return nil, err
	}
	fmt.Println(req.Method, u.Host+u.Path)
	return &transport.Response{StatusCode: 200, Body: []byte(`{}`)}, nil
})

func ExampleFromURL_selfHosted() {
	// soketi's default app, served under SOKETI_PATH_PREFIX=/pusher.
	c, err := pusher.FromURL("http://app-key:app-secret@127.0.0.1:6001/pusher/apps/app-id",
		pusher.WithTransport(printPath))
	if err != nil {
		log.Fatal(err)
	}
	if _, err := c.Trigger(context.Background(), "news", "headline", "hello"); err != nil {
		log.Fatal(err)
	}

	// A setting that contradicts the URL is an error, not an override.
	_, err = pusher.FromURL("https://app-key:app-secret@api-us2.pusher.com/apps/123", pusher.WithCluster("eu"))
	fmt.Println(err)
	// Output:
	// POST 127.0.0.1:6001/pusher/apps/app-id/events
	// pusher: bad config host: FromURL gives "api-us2.pusher.com" but WithCluster gives "api-eu.pusher.com": give one, or settings that agree
}

func ExampleWithBasePath() {
	c, err := pusher.New("app-id", "app-key", "app-secret",
		pusher.WithHost("realtime.internal:6001"), pusher.WithTLS(false),
		pusher.WithBasePath("/pusher"),
		pusher.WithTransport(printPath))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(c)
	ctx := context.Background()
	if _, err := c.Channels(ctx, pusher.ChannelsOptions{}); err != nil {
		log.Fatal(err)
	}
	if _, err := c.Get(ctx, "/channels/news", nil); err != nil {
		log.Fatal(err)
	}
	// Output:
	// pusher.Client{app: app-id, key: app-key, endpoint: http://realtime.internal:6001/pusher, secret: [redacted]}
	// GET realtime.internal:6001/pusher/apps/app-id/channels
	// GET realtime.internal:6001/pusher/apps/app-id/channels/news
}

func ExampleWithIdempotencyKey() {
	// A fake that honours keys as Sockudo does, for 120 s.
	srv := pushertest.NewServer(pushertest.WithIdempotencyKeys(120 * time.Second))
	defer srv.Close()
	app := srv.App()
	c, err := pusher.New(app.ID, app.Key, app.Secret, pusher.WithHost(srv.Host()), pusher.WithTLS(false),
		pusher.WithIdempotencyKeysHonored(), // so RetryIdempotent may retry keyed triggers
		pusher.WithRetry(pusher.RetryPolicy{MaxAttempts: 3}))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	// The same order sent twice (a retry, or a second worker): delivered once.
	for range 2 {
		if _, err := c.Trigger(ctx, "orders", "created", `{"id":42}`, pusher.WithIdempotencyKey("order-42")); err != nil {
			log.Fatal(err)
		}
	}
	// One key for a whole batch.
	if _, err := c.TriggerBatch(ctx, []pusher.Event{
		{Channel: "orders", Name: "shipped", Data: `{"id":41}`},
		{Channel: "stock", Name: "changed", Data: `{"sku":"A1"}`},
	}, pusher.WithIdempotencyKey("shipment-7")); err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(srv.Events()), "events delivered")
	// Output: 3 events delivered
}

func ExampleWithIdempotencyKeysHonored() {
	srv := pushertest.NewServer(pushertest.WithIdempotencyKeys(120 * time.Second))
	defer srv.Close()
	app := srv.App()
	c, err := pusher.New(app.ID, app.Key, app.Secret, pusher.WithHost(srv.Host()), pusher.WithTLS(false),
		pusher.WithIdempotencyKeysHonored(),
		pusher.WithRetry(pusher.RetryPolicy{MaxAttempts: 3}))
	if err != nil {
		log.Fatal(err)
	}
	srv.QueueResponse(503, "busy") // the first attempt fails
	// A keyed trigger is retried after a 5xx; one without a key would not be.
	if _, err := c.Trigger(context.Background(), "orders", "created", `{"id":42}`, pusher.WithIdempotencyKey("order-42")); err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(srv.Requests()), "attempts,", len(srv.Events()), "event delivered")
	// Output: 2 attempts, 1 event delivered
}

func ExampleWithGeneratedIdempotencyKeys() {
	keys := map[string]bool{}
	record := transport.DoerFunc(func(_ context.Context, req *transport.Request) (*transport.Response, error) {
		keys[req.Header.Get(pusher.IdempotencyKeyHeader)] = true
		return &transport.Response{StatusCode: 200, Body: []byte(`{}`)}, nil
	})
	c, err := pusher.New("app-id", "app-key", "app-secret", pusher.WithHost("sockudo.internal:6001"),
		pusher.WithGeneratedIdempotencyKeys(), pusher.WithTransport(record))
	if err != nil {
		log.Fatal(err)
	}
	for range 3 {
		if _, err := c.Trigger(context.Background(), "news", "headline", "hello"); err != nil {
			log.Fatal(err)
		}
	}
	fmt.Println(len(keys), "distinct keys, none empty:", !keys[""])
	// Output: 3 distinct keys, none empty: true
}
