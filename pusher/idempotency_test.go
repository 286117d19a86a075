package pusher_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-pusher/channels/domain"
	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/pushertest"
	"github.com/go-pusher/channels/transport"
	fasthttptransport "github.com/go-pusher/channels/transport/fasthttp"
	"github.com/go-pusher/channels/transport/nethttp"
	restytransport "github.com/go-pusher/channels/transport/resty"
)

// TestIdempotencyKeyOnTheWire: the key goes in the body's idempotency_key
// member and the X-Idempotency-Key header, of a trigger and of a batch.
func TestIdempotencyKeyOnTheWire(t *testing.T) {
	c, d := newRecordingClient(t)
	ctx := context.Background()
	if _, err := c.Trigger(ctx, "ch", "ev", "x", pusher.WithIdempotencyKey("order-42")); err != nil {
		t.Fatal(err)
	}
	wantKey(t, d.Last(t).Header, d.Last(t).Body, "order-42")
	if _, err := c.TriggerBatch(ctx, []pusher.Event{{Channel: "a", Name: "e", Data: "1"}}, pusher.WithIdempotencyKey("batch-7")); err != nil {
		t.Fatal(err)
	}
	wantKey(t, d.Last(t).Header, d.Last(t).Body, "batch-7")
	// Without a key: neither.
	if _, err := c.Trigger(ctx, "ch", "ev", "x"); err != nil {
		t.Fatal(err)
	}
	wantKey(t, d.Last(t).Header, d.Last(t).Body, "")
}

// wantKey fails unless header and body carry key ("" for none).
func wantKey(t *testing.T, header http.Header, body []byte, key string) {
	t.Helper()
	if got := header.Get(pusher.IdempotencyKeyHeader); got != key {
		t.Errorf("%s = %q, want %q", pusher.IdempotencyKeyHeader, got, key)
	}
	var b struct {
		Key *string `json:"idempotency_key"`
	}
	if err := json.Unmarshal(body, &b); err != nil {
		t.Fatalf("body %s: %v", body, err)
	}
	switch {
	case key == "" && b.Key != nil:
		t.Errorf("body %s has an idempotency_key", body)
	case key != "" && (b.Key == nil || *b.Key != key):
		t.Errorf("body %s, want idempotency_key %q", body, key)
	}
}

// TestIdempotencyKeyRefusals: a bad key, and a batch given per-event
// options, are refused before anything is sent.
func TestIdempotencyKeyRefusals(t *testing.T) {
	c, d := newRecordingClient(t)
	ctx := context.Background()
	for _, key := range []string{"", "a b", "tab\t", "é", "nul\x00", strings.Repeat("k", pusher.MaxIdempotencyKeyLength+1)} {
		_, err := c.Trigger(ctx, "ch", "ev", "x", pusher.WithIdempotencyKey(key))
		var ve *pusher.ValidationError
		if !errors.As(err, &ve) || ve.Field != "idempotency_key" {
			t.Errorf("key %q: err = %v, want a ValidationError on idempotency_key", key, err)
		}
		_, err = c.TriggerBatch(ctx, []pusher.Event{{Channel: "a", Name: "e", Data: "1"}}, pusher.WithIdempotencyKey(key))
		if !errors.As(err, &ve) || ve.Field != "idempotency_key" {
			t.Errorf("batch key %q: err = %v, want a ValidationError on idempotency_key", key, err)
		}
	}
	for _, opt := range []pusher.TriggerOption{pusher.ExcludeSocket("1.2"), pusher.WithInfo("subscription_count")} {
		_, err := c.TriggerBatch(ctx, []pusher.Event{{Channel: "a", Name: "e", Data: "1"}}, opt)
		if !errors.Is(err, domain.ErrNotAllowed) {
			t.Errorf("batch with a per-event option: err = %v, want ErrNotAllowed", err)
		}
	}
	if n := d.Calls(); n != 0 {
		t.Errorf("%d requests sent, want none", n)
	}
}

// answerLosingDoer sends each request through the real transport, so the
// server processes it, but reports the first lost answers as a dropped
// connection.
type answerLosingDoer struct {
	next transport.Doer
	lose atomic.Int32 // answers still to lose
}

func (d *answerLosingDoer) Do(ctx context.Context, req *transport.Request) (*transport.Response, error) {
	resp, err := d.next.Do(ctx, req)
	if err == nil && d.lose.Add(-1) >= 0 {
		return nil, io.ErrUnexpectedEOF
	}
	return resp, err
}

// TestLostAnswerRetriedWithKey: on a server that honours keys (the fake
// with WithIdempotencyKeys), a keyed trigger or batch whose first answer is
// lost is retried with the same key when the client declares the server
// honours keys, and is delivered once; without the declaration it is not
// retried.
func TestLostAnswerRetriedWithKey(t *testing.T) {
	retry := pusher.WithRetry(pusher.RetryPolicy{MaxAttempts: 3, Backoff: noWait})
	explicit := pusher.WithRetry(pusher.RetryPolicy{MaxAttempts: 3, Backoff: noWait, RetryIf: pusher.RetryIdempotent})
	trigger := func(c *pusher.Client, opts ...pusher.TriggerOption) error {
		_, err := c.Trigger(context.Background(), "orders", "created", "42", opts...)
		return err
	}
	batch := func(c *pusher.Client, opts ...pusher.TriggerOption) error {
		_, err := c.TriggerBatch(context.Background(), []pusher.Event{{Channel: "orders", Name: "created", Data: "42"}}, opts...)
		return err
	}
	key := []pusher.TriggerOption{pusher.WithIdempotencyKey("order-42")}
	tests := []struct {
		name      string
		opts      []pusher.Option
		call      func(*pusher.Client, ...pusher.TriggerOption) error
		key       []pusher.TriggerOption
		wantErr   bool
		wantTries int
		generated bool // the key is the client's, not "order-42"
	}{
		{name: "trigger, declared", opts: []pusher.Option{pusher.WithIdempotencyKeysHonored(), retry}, call: trigger, key: key, wantTries: 2},
		{name: "batch, declared", opts: []pusher.Option{pusher.WithIdempotencyKeysHonored(), retry}, call: batch, key: key, wantTries: 2},
		{name: "trigger, declared, explicit RetryIdempotent", opts: []pusher.Option{explicit, pusher.WithIdempotencyKeysHonored()}, call: trigger, key: key, wantTries: 2},
		{name: "trigger, generated key", opts: []pusher.Option{pusher.WithGeneratedIdempotencyKeys(), retry}, call: trigger, wantTries: 2, generated: true},
		{name: "batch, generated key", opts: []pusher.Option{pusher.WithGeneratedIdempotencyKeys(), retry}, call: batch, wantTries: 2, generated: true},
		{name: "trigger, not declared", opts: []pusher.Option{retry}, call: trigger, key: key, wantErr: true, wantTries: 1},
		{name: "batch, not declared", opts: []pusher.Option{retry}, call: batch, key: key, wantErr: true, wantTries: 1},
		{name: "declared, but no key", opts: []pusher.Option{pusher.WithIdempotencyKeysHonored(), retry}, call: trigger, wantErr: true, wantTries: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newFake(t, pushertest.WithIdempotencyKeys(120*time.Second))
			d := &answerLosingDoer{next: nethttp.New()}
			d.lose.Store(1)
			c := newFakeClient(t, srv, d, tt.opts...)
			err := tt.call(c, tt.key...)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error: %v", err, tt.wantErr)
			}
			reqs := srv.Requests()
			if len(reqs) != tt.wantTries {
				t.Fatalf("%d attempts, want %d", len(reqs), tt.wantTries)
			}
			first := reqs[0].Header.Get(pusher.IdempotencyKeyHeader)
			switch {
			case tt.generated && len(first) != 32:
				t.Errorf("generated key %q, want 32 hex digits", first)
			case !tt.generated && len(tt.key) > 0 && first != "order-42":
				t.Errorf("key %q, want order-42", first)
			}
			for i, r := range reqs {
				wantKey(t, r.Header, r.Body, first)
				if r.Status != http.StatusOK {
					t.Errorf("attempt %d answered %d", i+1, r.Status)
				}
			}
			if n := len(srv.Events()); n != 1 {
				t.Errorf("delivered %d times, want once", n)
			}
		})
	}
}

// TestKeyedRetryOn5xx: a keyed trigger answered 503 is retried on a server
// declared to honour keys, and not on one that is not.
func TestKeyedRetryOn5xx(t *testing.T) {
	for _, declared := range []bool{true, false} {
		srv := newFake(t, pushertest.WithIdempotencyKeys(120*time.Second))
		opts := []pusher.Option{pusher.WithRetry(pusher.RetryPolicy{MaxAttempts: 3, Backoff: noWait})}
		if declared {
			opts = append(opts, pusher.WithIdempotencyKeysHonored())
		}
		c := newFakeClient(t, srv, nil, opts...)
		srv.QueueResponse(http.StatusServiceUnavailable, "busy")
		_, err := c.Trigger(context.Background(), "ch", "ev", "x", pusher.WithIdempotencyKey("k"))
		wantTries, wantEvents := 2, 1
		if !declared {
			wantTries, wantEvents = 1, 0
			if !errors.Is(err, pusher.ErrServerError) {
				t.Errorf("not declared: err = %v, want ErrServerError", err)
			}
		} else if err != nil {
			t.Errorf("declared: %v", err)
		}
		if n := len(srv.Requests()); n != wantTries {
			t.Errorf("declared %v: %d attempts, want %d", declared, n, wantTries)
		}
		if n := len(srv.Events()); n != wantEvents {
			t.Errorf("declared %v: %d events, want %d", declared, n, wantEvents)
		}
	}
}

// TestGeneratedKeysDiffer: each trigger gets its own generated key, and a
// key given with WithIdempotencyKey wins.
func TestGeneratedKeysDiffer(t *testing.T) {
	c, d := newRecordingClient(t, pusher.WithGeneratedIdempotencyKeys())
	ctx := context.Background()
	seen := map[string]bool{}
	for range 3 {
		if _, err := c.Trigger(ctx, "ch", "ev", "x"); err != nil {
			t.Fatal(err)
		}
		seen[d.Last(t).Header.Get(pusher.IdempotencyKeyHeader)] = true
	}
	if err := c.SendToUser(ctx, "u1", "ev", "x"); err != nil {
		t.Fatal(err)
	}
	seen[d.Last(t).Header.Get(pusher.IdempotencyKeyHeader)] = true
	if len(seen) != 4 || seen[""] {
		t.Errorf("keys %v, want 4 distinct", seen)
	}
	if _, err := c.Trigger(ctx, "ch", "ev", "x", pusher.WithIdempotencyKey("mine")); err != nil {
		t.Fatal(err)
	}
	wantKey(t, d.Last(t).Header, d.Last(t).Body, "mine")
}

// TestCustomRetryFuncSeesPOST: a RetryFunc of the user's own is asked about
// a keyed trigger with its real method, on any server.
func TestCustomRetryFuncSeesPOST(t *testing.T) {
	var methods []string
	retryIf := func(method string, _ int, err error) bool {
		methods = append(methods, method)
		return false
	}
	c, _ := newRecordingClient(t, pusher.WithIdempotencyKeysHonored(),
		pusher.WithRetry(pusher.RetryPolicy{MaxAttempts: 2, Backoff: noWait, RetryIf: retryIf}),
		pusher.WithTransport(transport.DoerFunc(func(context.Context, *transport.Request) (*transport.Response, error) {
			return nil, io.ErrUnexpectedEOF
		})))
	_, err := c.Trigger(context.Background(), "ch", "ev", "x", pusher.WithIdempotencyKey("k"))
	if err == nil || len(methods) != 1 || methods[0] != http.MethodPost {
		t.Errorf("err %v, RetryIf asked about %v; want one POST", err, methods)
	}
}

// TestIdempotencyKeyOnEveryTransport: each adapter, the fasthttp fast path
// included, sends the key header and body member to the server.
func TestIdempotencyKeyOnEveryTransport(t *testing.T) {
	for name, d := range map[string]transport.Doer{
		"nethttp":  nethttp.New(),
		"resty":    restytransport.New(),
		"fasthttp": fasthttptransport.New(),
	} {
		t.Run(name, func(t *testing.T) {
			srv := newFake(t, pushertest.WithIdempotencyKeys(time.Minute))
			c := newFakeClient(t, srv, d)
			for range 2 {
				if _, err := c.Trigger(context.Background(), "ch", "ev", "x", pusher.WithIdempotencyKey("k-"+name)); err != nil {
					t.Fatal(err)
				}
			}
			reqs := srv.Requests()
			for _, r := range reqs {
				wantKey(t, r.Header, r.Body, "k-"+name)
			}
			if n := len(srv.Events()); len(reqs) != 2 || n != 1 {
				t.Errorf("%d requests, %d events; want 2 and 1", len(reqs), n)
			}
		})
	}
}
