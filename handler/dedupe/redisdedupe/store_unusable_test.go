package redisdedupe_test

import (
	"context"
	"errors"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/go-pusher/channels/handler"
	"github.com/go-pusher/channels/handler/dedupe"
	"github.com/go-pusher/channels/handler/dedupe/redisdedupe"
	"github.com/go-pusher/channels/handler/internal/handlertest"
	"github.com/go-pusher/channels/pusher"
)

// TestUnusableStoresAreRefused: a nil client, typed or not, is refused by
// New; a nil or zero Store fails every method with ErrConfig instead of
// panicking, and a receiver refuses it at construction.
func TestUnusableStoresAreRefused(t *testing.T) {
	for name, rdb := range map[string]redis.UniversalClient{
		"nil": nil, "nil *redis.Client": (*redis.Client)(nil),
		"nil *redis.ClusterClient": (*redis.ClusterClient)(nil), "nil *redis.Ring": (*redis.Ring)(nil),
	} {
		if s, err := redisdedupe.New(rdb, redisdedupe.Config{}); !errors.Is(err, dedupe.ErrConfig) || s != nil {
			t.Errorf("New(%s client) = %v, %v; want ErrConfig", name, s, err)
		}
	}
	ctx := context.Background()
	receive := func(context.Context, *pusher.Webhook) error { return nil }
	for name, s := range map[string]*redisdedupe.Store{"nil": nil, "zero": {}} {
		_, _, claimErr := s.Claim(ctx, "k")
		for method, err := range map[string]error{
			"Claim": claimErr, "Extend": s.Extend(ctx, "k", "t"),
			"MarkDone": s.MarkDone(ctx, "k", "t"), "Release": s.Release(ctx, "k", "t"),
		} {
			if !errors.Is(err, dedupe.ErrConfig) {
				t.Errorf("%s Store: %s = %v, want ErrConfig", name, method, err)
			}
		}
		if s.Lease() != 0 {
			t.Errorf("%s Store: Lease = %v, want 0", name, s.Lease())
		}
		h, err := handler.NewWebhookReceiver(handlertest.NewClient(t), receive, handler.WithDeduplication(s))
		if !errors.Is(err, handler.ErrConfig) || h != nil {
			t.Errorf("receiver on a %s Store: %v, %v; want ErrConfig", name, h, err)
		}
	}
}
