package redisdedupe_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"

	"github.com/go-pusher/channels/handler"
	"github.com/go-pusher/channels/handler/dedupe/redisdedupe"
	"github.com/go-pusher/channels/handler/internal/handlertest"
	"github.com/go-pusher/channels/pusher"
)

// failureText records what testify prints when an assertion fails.
type failureText struct{ strings.Builder }

// Errorf records the failure message.
func (f *failureText) Errorf(format string, args ...any) { fmt.Fprintf(&f.Builder, format, args...) }

// TestDumpsHideTheRedisPassword: what assert.Equal prints for a failing
// comparison of a receiver deduplicating on Redis (spew with
// DisableMethods) shows the store but not the Redis client's password.
func TestDumpsHideTheRedisPassword(t *testing.T) {
	const password = "REDIS-passw0rd-dump-me-not"
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", Password: password})
	defer rdb.Close()
	store, err := redisdedupe.New(rdb, redisdedupe.Config{Prefix: "dump-prefix:"})
	if err != nil {
		t.Fatal(err)
	}
	h, err := handler.NewWebhookReceiver(handlertest.NewClient(t), func(context.Context, *pusher.Webhook) error { return nil },
		handler.WithDeduplication(store))
	if err != nil {
		t.Fatal(err)
	}
	type holder struct{ H http.Handler }
	var f failureText
	if assert.Equal(&f, holder{}, holder{H: h}) {
		t.Fatal("assert.Equal found no difference")
	}
	dump := f.String()
	if !strings.Contains(dump, "Diff:") || !strings.Contains(dump, "dump-prefix:") {
		t.Fatalf("the dump does not reach the store:\n%s", dump)
	}
	if strings.Contains(dump, password) {
		t.Errorf("the dump shows the Redis password:\n%s", dump)
	}
	if out := fmt.Sprintf("%v %+v %#v", store, store, store); strings.Contains(out, password) {
		t.Errorf("fmt shows the Redis password: %s", out)
	}
}
