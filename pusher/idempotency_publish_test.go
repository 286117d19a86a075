package pusher_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/pushertest"
)

// TestFanoutRefusesOneKeyForManyRequests: one idempotency key on several
// requests would make a server that honours keys drop all but the first.
func TestFanoutRefusesOneKeyForManyRequests(t *testing.T) {
	srv := pushertest.NewServer()
	defer srv.Close()
	c, err := srv.Client()
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_, err = c.TriggerFanout(context.Background(), []string{"a", "b"}, "ev", "x", pusher.WithIdempotencyKey("k"))
	var verr *pusher.ValidationError
	if !errors.As(err, &verr) || verr.Field != "idempotency_key" {
		t.Fatalf("err %v, want a ValidationError on idempotency_key", err)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests sent, want none", n)
	}
}

// TestGeneratedKeysPerRequest: with WithGeneratedIdempotencyKeys each
// fan-out request and each Publisher batch carries a key of its own, in
// the header and the body alike.
func TestGeneratedKeysPerRequest(t *testing.T) {
	srv := pushertest.NewServer()
	defer srv.Close()
	c, err := srv.Client(pusher.WithGeneratedIdempotencyKeys())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx := context.Background()
	channels := make([]string, 150) // two triggers
	for i := range channels {
		channels[i] = fmt.Sprintf("ch-%d", i)
	}
	if _, err := c.TriggerFanout(ctx, channels, "ev", "x"); err != nil {
		t.Fatal(err)
	}
	p, err := pusher.NewPublisher(c, pusher.PublisherOptions{MaxInFlight: 1, BatchSize: 5})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 12 {
		if err := p.Publish(ctx, pusher.Event{Channel: "pub", Name: "ev", Data: fmt.Sprint(i)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Close(ctx); err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	reqs := srv.Requests()
	for _, r := range reqs {
		key := r.Header.Get(pusher.IdempotencyKeyHeader)
		if key == "" || keys[key] {
			t.Fatalf("request %s %s has key %q, want a fresh one", r.Method, r.Path, key)
		}
		if !containsKey(r.Body, key) {
			t.Errorf("body %s lacks idempotency_key %q", r.Body, key)
		}
		keys[key] = true
	}
	if len(reqs) < 4 { // 2 fan-out triggers, at least 3 batches of at most 5
		t.Errorf("%d requests, want at least 4", len(reqs))
	}
	if n := len(srv.Events()); n != 150+12 {
		t.Errorf("%d events recorded, want %d", n, 150+12)
	}
}

func containsKey(body []byte, key string) bool {
	return len(key) > 0 && strings.Contains(string(body), `"idempotency_key":"`+key+`"`)
}
