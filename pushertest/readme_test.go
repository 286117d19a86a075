package pushertest_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/pushertest"
)

// shipOrder is the code under test in the README's example.
func shipOrder(ctx context.Context, client *pusher.Client, id int) error {
	_, err := client.Trigger(ctx, "orders", "order-shipped", map[string]int{"id": id})
	return err
}

// TestShipOrder is the README's example, word for word.
func TestShipOrder(t *testing.T) {
	srv := pushertest.NewServer()
	defer srv.Close()
	client, err := srv.Client() // pusher.New for the fake's app, host and plain http
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	if err := shipOrder(ctx, client, 42); err != nil { // your code
		t.Fatal(err)
	}
	want := []pushertest.Event{{Channel: "orders", Name: "order-shipped", Data: `{"id":42}`}}
	if got := srv.Events(); !slices.Equal(got, want) {
		t.Fatalf("events %+v, want %+v", got, want)
	}

	srv.QueueResponse(http.StatusServiceUnavailable, "try later") // the next call fails
	if err := shipOrder(ctx, client, 43); !errors.Is(err, pusher.ErrServerError) {
		t.Fatalf("got %v", err)
	}
}

// TestYourCode is the test the README's "Testing your code" shows: code
// that publishes through a *pusher.Client, run against the fake.
func TestYourCode(t *testing.T) {
	srv := pushertest.NewServer()
	defer srv.Close()
	client, err := srv.Client()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	// Triggers, batches and send-to-user are recorded one event per channel.
	if _, err := client.TriggerMulti(ctx, []string{"orders", "audit"}, "order-shipped", map[string]int{"id": 42}); err != nil {
		t.Fatal(err)
	}
	if _, err := client.TriggerBatch(ctx, []pusher.Event{
		{Channel: "orders", Name: "order-paid", Data: `{"id":43}`},
		{Channel: "audit", Name: "order-paid", Data: `{"id":43}`, SocketID: "1.2"},
	}); err != nil {
		t.Fatal(err)
	}
	if err := client.SendToUser(ctx, "ada", "receipt", "thanks"); err != nil {
		t.Fatal(err)
	}
	want := []pushertest.Event{
		{Channel: "orders", Name: "order-shipped", Data: `{"id":42}`},
		{Channel: "audit", Name: "order-shipped", Data: `{"id":42}`},
		{Channel: "orders", Name: "order-paid", Data: `{"id":43}`},
		{Channel: "audit", Name: "order-paid", Data: `{"id":43}`, SocketID: "1.2"},
		{Channel: "#server-to-user-ada", Name: "receipt", Data: "thanks"},
	}
	if got := srv.Events(); !slices.Equal(got, want) {
		t.Fatalf("events\n%+v\nwant\n%+v", got, want)
	}

	// Presence queries answer from the members subscribed.
	for i, user := range []string{"ada", "grace", "ada"} {
		if err := srv.Subscribe("presence-room", fmt.Sprintf("1.%d", i), &pusher.Member{UserID: user}); err != nil {
			t.Fatal(err)
		}
	}
	users, err := client.Users(ctx, "presence-room")
	if err != nil || len(users) != 2 || users[0].ID != "ada" || users[1].ID != "grace" {
		t.Fatalf("Users = %v, %v", users, err)
	}
	room, err := client.Channel(ctx, "presence-room", "user_count", "subscription_count")
	if err != nil || !room.Occupied || *room.UserCount != 2 || *room.SubscriptionCount != 3 {
		t.Fatalf("Channel = %+v, %v", room, err)
	}
	if _, err := client.Channel(ctx, "orders", "user_count"); !errors.Is(err, pusher.ErrBadRequest) {
		t.Fatalf("user_count of a public channel: %v, want the service's 400", err)
	}

	// A client with the wrong secret is refused, and nothing is recorded.
	app := srv.App()
	wrong, err := pusher.New(app.ID, app.Key, "not-the-secret", pusher.WithHost(srv.Host()), pusher.WithTLS(false))
	if err != nil {
		t.Fatal(err)
	}
	before := len(srv.Events())
	if _, err := wrong.Trigger(ctx, "orders", "order-shipped", "x"); !errors.Is(err, pusher.ErrUnauthorized) {
		t.Fatalf("wrong secret: %v, want ErrUnauthorized", err)
	}
	if len(srv.Events()) != before {
		t.Fatal("a refused trigger was recorded")
	}

	// A queued 503 fails the next call; the one after succeeds.
	srv.QueueResponse(http.StatusServiceUnavailable, "try again later")
	if _, err := client.Trigger(ctx, "orders", "order-shipped", "x"); !errors.Is(err, pusher.ErrServerError) {
		t.Fatalf("queued 503: %v, want ErrServerError", err)
	}
	if _, err := client.Trigger(ctx, "orders", "order-shipped", "x"); err != nil {
		t.Fatalf("after the 503: %v", err)
	}

	// A webhook the fake signs verifies; a tampered one does not.
	req, err := srv.NewWebhookRequest("http://example.test/pusher/webhook",
		pusher.WebhookEvent{Name: "member_added", Channel: "presence-room", UserID: "ada"})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(req.Body)
	wh, err := client.VerifyWebhook(req.Header, body)
	if err != nil || len(wh.Events) != 1 || wh.Events[0].UserID != "ada" {
		t.Fatalf("VerifyWebhook = %+v, %v", wh, err)
	}
	tampered := slices.Clone(body)
	tampered[len(tampered)-3] ^= 1
	if _, err := client.VerifyWebhook(req.Header, tampered); !errors.Is(err, pusher.ErrWebhookSignature) {
		t.Fatalf("tampered webhook: %v, want ErrWebhookSignature", err)
	}
}

// TestWebhookReceiverEndToEnd drives an http.Handler that verifies
// webhooks with a request NewWebhookRequest built.
func TestWebhookReceiverEndToEnd(t *testing.T) {
	srv := pushertest.NewServer()
	defer srv.Close()
	client, err := srv.Client()
	if err != nil {
		t.Fatal(err)
	}
	var got []pusher.WebhookEvent
	receiver := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		wh, err := client.VerifyWebhook(r.Header, body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusUnauthorized)
			return
		}
		got = append(got, wh.Events...)
	})
	req, err := srv.NewWebhookRequest("/webhook", pusher.WebhookEvent{Name: "channel_occupied", Channel: "orders"})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	receiver.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK || len(got) != 1 || got[0].Name != "channel_occupied" {
		t.Fatalf("status %d, events %+v", rec.Code, got)
	}
}
