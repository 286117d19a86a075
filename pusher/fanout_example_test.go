package pusher_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"

	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/pushertest"
)

func ExampleClient_TriggerFanout() {
	srv := pushertest.NewServer()
	defer srv.Close()
	c := exampleClient(srv, pusher.WithEncryptionMasterKeyBase64("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="))

	// 250 user channels and two encrypted ones: past TriggerMulti's limits.
	var channels []string
	for i := range 250 {
		channels = append(channels, fmt.Sprintf("user-%d", i))
	}
	channels = append(channels, "private-encrypted-ops", "private-encrypted-audit")

	_, err := c.TriggerFanout(context.Background(), channels, "announcement", "maintenance at 22:00")
	var fe *pusher.FanoutError
	if errors.As(err, &fe) {
		log.Printf("not reached: %v (%v)", fe.Channels(), err)
	} else if err != nil {
		log.Fatal(err) // a bad argument: nothing was sent
	}
	fmt.Println(len(srv.Events()), "channels reached in", len(srv.Requests()), "requests")
	// Output: 252 channels reached in 4 requests
}

func ExampleFanoutError() {
	srv := pushertest.NewServer()
	defer srv.Close()
	c := exampleClient(srv)
	srv.QueueResponse(http.StatusServiceUnavailable, "try later") // the first request fails

	var channels []string
	for i := range 150 {
		channels = append(channels, fmt.Sprintf("room-%d", i))
	}
	_, err := c.TriggerFanout(context.Background(), channels, "ping", "x", pusher.FanoutConcurrency(1))
	var fe *pusher.FanoutError
	if errors.As(err, &fe) {
		missed := fe.Channels()
		fmt.Println(len(missed), "missed, from", missed[0], "to", missed[len(missed)-1])
		fmt.Println("server error:", errors.Is(err, pusher.ErrServerError))
	}
	fmt.Println(len(srv.Events()), "reached")
	// Output:
	// 100 missed, from room-0 to room-99
	// server error: true
	// 50 reached
}

func ExampleFanoutConcurrency() {
	srv := pushertest.NewServer()
	defer srv.Close()
	c := exampleClient(srv)

	var followers []string
	for i := range 1000 {
		followers = append(followers, fmt.Sprintf("feed-%d", i))
	}
	// Ten requests of 100 channels, at most two at a time.
	if _, err := c.TriggerFanout(context.Background(), followers, "post", "new post", pusher.FanoutConcurrency(2)); err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(srv.Events()), "channels in", len(srv.Requests()), "requests")
	// Output: 1000 channels in 10 requests
}
