//go:build e2e

package e2e

import (
	"bytes"
	"testing"

	"github.com/go-pusher/channels/internal/interop"
)

// signedIn starts a subscriber signed in as user through our user
// authenticator and checks what pusher-js was told.
func signedIn(t *testing.T, g *group, user string) *interop.Subscriber {
	t.Helper()
	p := g.subscriber(t, sub{user: user, signIn: true})
	m := p.WaitFor(t, waitTimeout, interop.OfType("signed_in"))
	wantJSON(t, "user_data pusher-js signed in with", m.User, map[string]any{"id": user, "user_info": userInfo(user)})
	if _, ok := g.auth.find("user", p.SocketID(), ""); !ok {
		t.Errorf("user authenticator callback not called for socket %s", p.SocketID())
	}
	// StartSubscriber waited for the user's own channel.
	p.WaitFor(t, waitTimeout, interop.SubscribedTo("#server-to-user-"+user))
	return p
}

// checkSendToUser: SendToUser reaches every connection of that user and
// nobody else.
func checkSendToUser(t *testing.T, g *group) {
	alice := signedIn(t, g, "dana")
	alice2 := signedIn(t, g, "dana") // a second tab
	bob := signedIn(t, g, "erin")

	note := greeting{Text: "just for you", Count: 1}
	if err := g.client.SendToUser(callCtx(t), "dana", "note", note); err != nil {
		t.Fatalf("SendToUser(dana): %v", err)
	}
	wantData(t, alice.WaitFor(t, waitTimeout, interop.UserEvent("note")), note)
	wantData(t, alice2.WaitFor(t, waitTimeout, interop.UserEvent("note")), note)

	if err := g.client.SendToUser(callCtx(t), "erin", "note-erin", "hi erin"); err != nil {
		t.Fatalf("SendToUser(erin): %v", err)
	}
	if text, ok := bob.WaitFor(t, waitTimeout, interop.UserEvent("note-erin")).DataString(); !ok || text != "hi erin" {
		t.Errorf("erin got %q (a string: %v), want \"hi erin\"", text, ok)
	}
	bob.ExpectNone(t, quietWindow, interop.UserEvent("note"))
}

// checkTerminateUserConnections: TerminateUserConnections closes the
// user's connection (pusher-js reports it disconnected) and leaves other
// users connected.
func checkTerminateUserConnections(t *testing.T, g *group) {
	gone := signedIn(t, g, "frank")
	stays := signedIn(t, g, "grace")

	if err := g.client.TerminateUserConnections(callCtx(t), "frank"); err != nil {
		t.Fatalf("TerminateUserConnections(frank): %v", err)
	}
	// soketi closes the socket with code 4009, which pusher-js reports as
	// an error, then as the connection going from connected to
	// disconnected (it does not reconnect after a 40xx close).
	closed := gone.WaitFor(t, waitTimeout, func(m interop.Message) bool {
		return m.Type == "error" && bytes.Contains(m.Detail, []byte(`"code":4009`))
	})
	t.Logf("pusher-js: %s", closed.Line)
	gone.WaitFor(t, waitTimeout, func(m interop.Message) bool {
		return m.Type == "state" && m.Previous == "connected" && m.Current == "disconnected"
	})
	gone.WaitFor(t, waitTimeout, interop.OfType("disconnected"))

	// grace is still connected: she receives what is sent to her after.
	if err := g.client.SendToUser(callCtx(t), "grace", "still-here", "yes"); err != nil {
		t.Fatalf("SendToUser(grace): %v", err)
	}
	stays.WaitFor(t, waitTimeout, interop.UserEvent("still-here"))
	stays.ExpectNone(t, quietWindow, func(m interop.Message) bool {
		return m.Type == "disconnected" || (m.Type == "state" && m.Previous == "connected")
	})
}
