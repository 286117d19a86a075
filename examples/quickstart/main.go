// Command quickstart shows the library's main job end to end: it triggers
// events, batch-triggers, queries channels and presence users, authorizes a
// private and a presence channel and verifies a webhook.
//
// With PUSHER_URL unset it needs no account and no network: it starts
// pushertest's fake Channels server in-process on 127.0.0.1 and talks to it.
// With PUSHER_URL=https://key:secret@api-eu.pusher.com/apps/123 it does the
// same against that server.
//
//	go run ./examples/quickstart
package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"time"

	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/pushertest"
	"github.com/go-pusher/channels/signing"
)

func main() {
	if err := run(os.Getenv(pusher.EnvURL)); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart failed:", err)
		os.Exit(1)
	}
	fmt.Println("quickstart: all steps succeeded")
}

// run connects to pusherURL, or to an embedded fake server when it is empty,
// and walks through the client's main calls.
func run(pusherURL string) error {
	client, webhookSigner, cleanup, err := connect(pusherURL)
	if err != nil {
		return err
	}
	defer cleanup()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	res, err := client.Trigger(ctx, "presence-room", "greeting", map[string]string{"text": "hello"},
		pusher.WithInfo("subscription_count", "user_count"))
	if err != nil {
		return fmt.Errorf("trigger: %w", err)
	}
	fmt.Printf("trigger: sent greeting to presence-room; the service reports %s\n", describe(res.Channels["presence-room"]))

	if _, err := client.TriggerMulti(ctx, []string{"news", "sport"}, "headline", "Go client released",
		pusher.ExcludeSocket("123.456")); err != nil {
		return fmt.Errorf("trigger multi: %w", err)
	}
	fmt.Println("trigger multi: sent headline to news and sport, excluding socket 123.456")

	if _, err := client.TriggerBatch(ctx, []pusher.Event{
		{Channel: "news", Name: "update", Data: `{"id":1}`},
		{Channel: "sport", Name: "score", Data: map[string]int{"home": 2, "away": 1}},
	}); err != nil {
		return fmt.Errorf("batch: %w", err)
	}
	fmt.Println("batch: sent 2 events in one request")

	list, err := client.Channels(ctx, pusher.ChannelsOptions{Prefix: "presence-", Info: []string{"user_count"}})
	if err != nil {
		return fmt.Errorf("channels: %w", err)
	}
	fmt.Printf("channels: %d occupied presence channel(s)\n", len(list.Channels))
	for name, attrs := range list.Channels {
		fmt.Printf("  %s: %s\n", name, describe(attrs))
	}

	users, err := client.Users(ctx, "presence-room")
	if err != nil {
		return fmt.Errorf("users: %w", err)
	}
	fmt.Printf("users: presence-room has %d user(s)\n", len(users))

	private, err := client.AuthorizeChannel("1234.1234", "private-orders")
	if err != nil {
		return fmt.Errorf("authorize private: %w", err)
	}
	fmt.Printf("authorize: private-orders for socket 1234.1234 -> auth %s…\n", private.Auth[:len(client.Key())+9])

	presence, err := client.AuthorizePresenceChannel("1234.1234", "presence-room",
		pusher.Member{UserID: "bob", UserInfo: map[string]string{"name": "Bob"}})
	if err != nil {
		return fmt.Errorf("authorize presence: %w", err)
	}
	fmt.Printf("authorize: presence-room as bob -> channel_data %s\n", presence.ChannelData)

	body := []byte(fmt.Sprintf(`{"time_ms":%d,"events":[{"name":"channel_occupied","channel":"news"}]}`, time.Now().UnixMilli()))
	header := webhookSigner(body)
	wh, err := client.VerifyWebhook(header, body)
	if err != nil {
		return fmt.Errorf("webhook: %w", err)
	}
	fmt.Printf("webhook: verified %d event(s): %s on %s\n", len(wh.Events), wh.Events[0].Name, wh.Events[0].Channel)

	body[len(body)-3] = 'X' // tamper with the body: verification must now fail
	if _, err := client.VerifyWebhook(header, body); !errors.Is(err, pusher.ErrWebhookSignature) {
		return fmt.Errorf("webhook: a tampered body was not refused: %v", err)
	}
	fmt.Println("webhook: a tampered body is refused")
	return nil
}

// connect builds the client and a webhook signer for the same credentials
// (standing in for the service, which signs real webhooks).
func connect(pusherURL string) (*pusher.Client, func([]byte) http.Header, func(), error) {
	if pusherURL != "" {
		client, err := pusher.FromURL(pusherURL)
		if err != nil {
			return nil, nil, nil, err
		}
		u, _ := url.Parse(pusherURL) // FromURL has parsed it already
		secret, _ := u.User.Password()
		signer := signing.NewSigner(client.Key(), secret)
		fmt.Printf("quickstart: using %s\n", client)
		return client, webhookHeader(signer), func() {}, nil
	}

	srv := pushertest.NewServer()
	fmt.Printf("quickstart: PUSHER_URL is not set, so using pushertest's fake server at %s (app %s)\n", srv.URL(), srv.App().ID)
	// Two members in presence-room so that the queries have something to report.
	for i, user := range []string{"alice", "carol"} {
		if err := srv.Subscribe("presence-room", fmt.Sprintf("%d.1", i+1), &pusher.Member{UserID: user}); err != nil {
			srv.Close()
			return nil, nil, nil, err
		}
	}
	client, err := srv.Client()
	if err != nil {
		srv.Close()
		return nil, nil, nil, err
	}
	return client, srv.SignWebhook, srv.Close, nil
}

// webhookHeader returns a function that signs a webhook body the way the
// service does.
func webhookHeader(s *signing.Signer) func([]byte) http.Header {
	return func(body []byte) http.Header {
		return http.Header{
			pusher.HeaderWebhookKey:       {s.Key()},
			pusher.HeaderWebhookSignature: {s.WebhookSignature(body)},
		}
	}
}

// describe renders the counts the service reported.
func describe(a pusher.ChannelAttributes) string {
	s := ""
	if a.SubscriptionCount != nil {
		s += fmt.Sprintf("subscription_count=%d ", *a.SubscriptionCount)
	}
	if a.UserCount != nil {
		s += fmt.Sprintf("user_count=%d ", *a.UserCount)
	}
	if s == "" {
		return "no counts"
	}
	return s[:len(s)-1]
}
