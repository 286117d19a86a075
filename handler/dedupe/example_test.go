package dedupe_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/go-pusher/channels/handler/dedupe"
)

func ExampleNewMemory() {
	store, err := dedupe.NewMemory(dedupe.MemoryConfig{
		Times:      dedupe.Times{Lease: 30 * time.Second, Keep: time.Hour},
		MaxEntries: 10_000,
	})
	if err != nil {
		log.Fatal(err)
	}
	// handler.NewWebhookReceiver(client, receive, handler.WithDeduplication(store))
	// does this for each delivery:
	ctx := context.Background()
	token, state, _ := store.Claim(ctx, "delivery-1")
	fmt.Println(state)
	_, state, _ = store.Claim(ctx, "delivery-1") // a copy, meanwhile
	fmt.Println(state)
	_ = store.Extend(ctx, "delivery-1", token)   // every third of the lease, while the callback runs
	_ = store.MarkDone(ctx, "delivery-1", token) // the callback succeeded
	_, state, _ = store.Claim(ctx, "delivery-1") // the service's retry
	fmt.Println(state)
	// Output:
	// claimed
	// in progress
	// done
}

// A Store of your own (on your database, say) resolves its times the way
// the two stores here do.
func ExampleTimes_WithDefaults() {
	t, err := dedupe.Times{Lease: 10 * time.Second}.WithDefaults()
	fmt.Println(t.Lease, t.Keep, err)
	_, err = dedupe.Times{Lease: time.Hour, Keep: time.Minute}.WithDefaults()
	fmt.Println(err)
	// Output:
	// 10s 24h0m0s <nil>
	// dedupe: bad configuration: keep time 1m0s shorter than the lease 1h0m0s
}
