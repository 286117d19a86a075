//go:build e2e

package e2e

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/go-pusher/channels/internal/interop"
)

// check is one end-to-end check, run against a group's soketi.
type check struct {
	name string
	run  func(t *testing.T, g *group)
}

// transportChecks are the checks run once per transport.
func transportChecks() []check {
	return []check{
		{"PublicTrigger", checkPublicTrigger},
		{"SocketExclusion", checkSocketExclusion},
		{"Batch", checkBatch},
		{"PrivateChannel", checkPrivateChannel},
		{"PresenceChannel", checkPresenceChannel},
		{"EncryptedChannel", checkEncryptedChannel},
		{"SendToUser", checkSendToUser},
		{"TerminateUserConnections", checkTerminateUserConnections},
		{"Webhooks", checkWebhooks},
		{"WrongSecret", checkWrongSecret},
	}
}

// handlerChecks are the checks that go through our auth and webhook
// handlers, run once more with the fasthttp handlers.
func handlerChecks() []check {
	return []check{
		{"PrivateChannel", checkPrivateChannel},
		{"PresenceChannel", checkPresenceChannel},
		{"EncryptedChannel", checkEncryptedChannel},
		{"SendToUser", checkSendToUser},
		{"Webhooks", checkWebhooks},
	}
}

// TestE2E runs every check once per transport (net/http, resty, fasthttp),
// each transport against its own soketi with our net/http handlers in front.
func TestE2E(t *testing.T) {
	t.Parallel()
	for _, tc := range transports() {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			g := startGroup(t, tc, netHTTPServers(), numericApp)
			runChecks(t, g, transportChecks())
		})
	}
}

// TestFastHTTPHandlers runs the handler checks once through package
// handler/fasthttp, served by fasthttp.Servers, with the net/http transport.
func TestFastHTTPHandlers(t *testing.T) {
	t.Parallel()
	g := startGroup(t, transports()[0], fastHTTPServers(), numericApp)
	runChecks(t, g, handlerChecks())
}

func runChecks(t *testing.T, g *group, checks []check) {
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) { c.run(t, g) })
	}
	if refused := g.hooks.refused(); len(refused) > 0 {
		t.Errorf("our webhook receiver refused soketi's deliveries (status: count): %v", refused)
	}
}

// wantData fails the test unless m's data is the JSON value want encodes.
func wantData(t *testing.T, m interop.Message, want any) {
	t.Helper()
	wantJSON, err := json.Marshal(want)
	if err != nil {
		t.Fatalf("encode want: %v", err)
	}
	if !jsonEqual(m.Data, wantJSON) {
		t.Errorf("%s %q data = %s, want %s", m.Type, m.Event, m.Data, wantJSON)
	}
}

// jsonEqual reports whether a and b are the same JSON value.
func jsonEqual(a, b []byte) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	return reflect.DeepEqual(x, y)
}
