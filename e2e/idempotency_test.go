//go:build e2e

package e2e

import (
	"testing"

	"github.com/go-pusher/channels/internal/interop"
	"github.com/go-pusher/channels/pusher"
)

// checkIdempotencyKeyIgnored: soketi, which documents no idempotency key,
// accepts a trigger and a batch carrying one (the body member and the
// X-Idempotency-Key header) and delivers them; it does not dedupe, so the
// same key twice arrives twice. That is why a client must declare
// WithIdempotencyKeysHonored only for a server that honours keys.
func checkIdempotencyKeyIgnored(t *testing.T, g *group) {
	const ch = "public-keyed"
	p := g.subscriber(t, sub{channels: []string{ch}})
	p.WaitFor(t, waitTimeout, interop.SubscribedTo(ch))

	for _, data := range []string{"first", "second"} {
		if _, err := g.client.Trigger(callCtx(t), ch, "keyed", data, pusher.WithIdempotencyKey("same-key")); err != nil {
			t.Fatalf("keyed Trigger: %v", err)
		}
		if text, _ := p.WaitFor(t, waitTimeout, interop.EventOn(ch, "keyed")).DataString(); text != data {
			t.Errorf("keyed trigger: got %q, want %q", text, data)
		}
	}
	if _, err := g.client.TriggerBatch(callCtx(t), []pusher.Event{{Channel: ch, Name: "keyed-batch", Data: "b"}},
		pusher.WithIdempotencyKey("batch-key")); err != nil {
		t.Fatalf("keyed TriggerBatch: %v", err)
	}
	p.WaitFor(t, waitTimeout, interop.EventOn(ch, "keyed-batch"))
}
