//go:build e2e

package e2e

import (
	"testing"

	"github.com/go-pusher/channels/internal/interop"
)

// checkWebhooks: soketi's signed webhooks pass our receiver's checks and
// reach the app's callback as typed events: channel_occupied,
// member_added, client_event (with its data, which soketi sends as a JSON
// object), member_removed and channel_vacated.
func checkWebhooks(t *testing.T, g *group) {
	const private, presence = "private-hooks", "presence-hooks"
	p := g.subscriber(t, sub{user: "heidi", channels: []string{private, presence}})
	p.WaitFor(t, waitTimeout, interop.SubscribedTo(private))
	p.WaitFor(t, waitTimeout, interop.SubscribedTo(presence))

	occupied := g.hooks.waitFor(t, "channel_occupied", private, nil)
	if occupied.timeMs <= 0 {
		t.Errorf("channel_occupied webhook with time_ms %d", occupied.timeMs)
	}
	g.hooks.waitFor(t, "channel_occupied", presence, nil)
	g.hooks.waitFor(t, "member_added", presence, func(ev hookEvent) bool { return ev.UserID == "heidi" })

	// Client events: pusher-js sends them, soketi reports them.
	note := map[string]any{"text": "typed by heidi", "n": 2}
	for _, ch := range []string{private, presence} {
		if err := p.TriggerClient(ch, "client-note", note); err != nil {
			t.Fatal(err)
		}
		if m := p.WaitFor(t, waitTimeout, interop.OfType("triggered")); m.OK == nil || !*m.OK {
			t.Fatalf("pusher-js refused the client event on %s: %s", ch, m.Line)
		}
	}
	ev := g.hooks.waitFor(t, "client_event", private, nil)
	if ev.Event != "client-note" || ev.SocketID != p.SocketID() {
		t.Errorf("client_event on %s: event %q from socket %q, want client-note from %s", private, ev.Event, ev.SocketID, p.SocketID())
	}
	wantJSON(t, "client_event data", []byte(ev.Data), note)
	ev = g.hooks.waitFor(t, "client_event", presence, nil)
	if ev.Event != "client-note" || ev.UserID != "heidi" {
		t.Errorf("client_event on %s: event %q from user %q, want client-note from heidi", presence, ev.Event, ev.UserID)
	}
	wantJSON(t, "presence client_event data", []byte(ev.Data), note)

	// Leaving: member_removed and channel_vacated for the presence
	// channel, channel_vacated for the private one when the client goes.
	if err := p.Unsubscribe(presence); err != nil {
		t.Fatal(err)
	}
	g.hooks.waitFor(t, "member_removed", presence, func(ev hookEvent) bool { return ev.UserID == "heidi" })
	g.hooks.waitFor(t, "channel_vacated", presence, nil)
	p.Close()
	g.hooks.waitFor(t, "channel_vacated", private, nil)

	if refused := g.hooks.refused(); len(refused) > 0 {
		t.Errorf("our receiver refused soketi's deliveries (status: count): %v", refused)
	}
}
