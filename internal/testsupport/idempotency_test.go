package testsupport_test

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-pusher/channels/internal/testsupport"
)

// TestIdempotencyKeys: under WithIdempotencyKeys a keyed trigger or batch
// is delivered once per key within the TTL, a failed one leaves its key
// free, and keys expire; without the option every copy is delivered.
func TestIdempotencyKeys(t *testing.T) {
	var now atomic.Int64
	now.Store(time.Now().Unix())
	clock := func() time.Time { return time.Unix(now.Load(), 0) }
	srv := newServer(t, testsupport.WithIdempotencyKeys(120*time.Second), testsupport.WithClock(clock))
	trigger := func(body string) int {
		t.Helper()
		status, _ := send(t, srv, call{method: "POST", path: "/apps/" + srv.App().ID + "/events", body: body, unixTime: now.Load()})
		return status
	}
	batch := func(body string) int {
		t.Helper()
		status, _ := send(t, srv, call{method: "POST", path: "/apps/" + srv.App().ID + "/batch_events", body: body, unixTime: now.Load()})
		return status
	}
	for range 3 {
		if s := trigger(`{"name":"e","channel":"a","data":"1","idempotency_key":"k1"}`); s != 200 {
			t.Fatalf("keyed trigger: status %d", s)
		}
	}
	trigger(`{"name":"e","channel":"a","data":"2","idempotency_key":"k2"}`)
	trigger(`{"name":"e","channel":"a","data":"3"}`)
	trigger(`{"name":"e","channel":"a","data":"3"}`)
	batch(`{"batch":[{"channel":"b","name":"e","data":"4"},{"channel":"c","name":"e","data":"5"}],"idempotency_key":"k3"}`)
	batch(`{"batch":[{"channel":"b","name":"e","data":"4"},{"channel":"c","name":"e","data":"5"}],"idempotency_key":"k3"}`)
	// A refused request does not hold its key.
	if s := trigger(`{"name":"","channel":"a","data":"6","idempotency_key":"k4"}`); s != 400 {
		t.Fatalf("bad trigger: status %d", s)
	}
	trigger(`{"name":"e","channel":"a","data":"6","idempotency_key":"k4"}`)
	// A key is honoured for the TTL, then free again.
	now.Add(119)
	trigger(`{"name":"e","channel":"a","data":"1","idempotency_key":"k1"}`)
	now.Add(1)
	trigger(`{"name":"e","channel":"a","data":"1","idempotency_key":"k1"}`)

	var got []string
	for _, ev := range srv.Events() {
		got = append(got, ev.Channel+":"+ev.Data)
	}
	want := []string{"a:1", "a:2", "a:3", "a:3", "b:4", "c:5", "a:6", "a:1"}
	if len(got) != len(want) {
		t.Fatalf("events %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("events %v, want %v", got, want)
		}
	}
}

// TestIdempotencyKeysConcurrent: copies of one keyed trigger sent at once
// are delivered once.
func TestIdempotencyKeysConcurrent(t *testing.T) {
	srv := newServer(t, testsupport.WithIdempotencyKeys(time.Minute))
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			send(t, srv, call{method: "POST", path: "/apps/" + srv.App().ID + "/events", body: `{"name":"e","channel":"a","data":"x","idempotency_key":"same"}`})
		})
	}
	wg.Wait()
	if n := len(srv.Events()); n != 1 {
		t.Errorf("%d events delivered, want 1", n)
	}
}

// TestIdempotencyKeysOffByDefault: without the option keys are ignored, as
// on Pusher's own service.
func TestIdempotencyKeysOffByDefault(t *testing.T) {
	srv := newServer(t)
	for range 2 {
		send(t, srv, call{method: "POST", path: "/apps/" + srv.App().ID + "/events", body: `{"name":"e","channel":"a","data":"x","idempotency_key":"same"}`})
	}
	if n := len(srv.Events()); n != 2 {
		t.Errorf("%d events delivered, want 2", n)
	}
}
