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
	_ = store.MarkDone(ctx, "delivery-1", token) // the callback succeeded
	_, state, _ = store.Claim(ctx, "delivery-1") // the service's retry
	fmt.Println(state)
	// Output:
	// claimed
	// in progress
	// done
}
