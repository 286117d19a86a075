package redisdedupe_test

import (
	"context"
	"log"
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/go-pusher/channels/handler"
	"github.com/go-pusher/channels/handler/dedupe"
	"github.com/go-pusher/channels/handler/dedupe/redisdedupe"
	"github.com/go-pusher/channels/pusher"
)

// Every instance of the app runs this, against the same Redis: each
// delivery's callback then runs on one instance, once.
func ExampleNew() {
	client, err := pusher.FromEnv()
	if err != nil {
		log.Fatal(err)
	}
	rdb := redis.NewClient(&redis.Options{Addr: "redis.internal:6379"})
	defer rdb.Close()
	store, err := redisdedupe.New(rdb, redisdedupe.Config{
		// A claim outlives the slowest callback; a done mark outlives the
		// service's retries.
		Times: dedupe.Times{Lease: 30 * time.Second, Keep: 24 * time.Hour},
	})
	if err != nil {
		log.Fatal(err)
	}
	hooks, err := handler.NewWebhookReceiver(client, func(ctx context.Context, wh *pusher.Webhook) error {
		return nil // process wh.Events
	}, handler.WithDeduplication(store))
	if err != nil {
		log.Fatal(err)
	}
	http.Handle("/pusher/webhooks", hooks)
	// While Redis is unreachable the receiver answers 503 and calls
	// nothing: the service retries the delivery later.
	log.Fatal(http.ListenAndServe(":8080", nil))
}
