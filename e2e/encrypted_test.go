//go:build e2e

package e2e

import (
	"testing"

	"github.com/go-pusher/channels/domain"
	"github.com/go-pusher/channels/internal/interop"
)

// checkEncryptedChannel: our authorizer hands pusher-js the channel's
// shared secret, and pusher-js decrypts what the client (built with a
// master key) encrypted. pusher-js drops any event on an encrypted channel
// that is not a nonce and ciphertext it can open with that secret, so
// receiving the plaintext proves both sides agree on the key and format.
func checkEncryptedChannel(t *testing.T, g *group) {
	const vault = "private-encrypted-vault"
	p := g.subscriber(t, sub{user: "carol", channels: []string{vault}})
	p.WaitFor(t, waitTimeout, interop.SubscribedTo(vault))
	if call, ok := g.auth.find("channel", p.SocketID(), vault); !ok || call.kind != domain.PrivateEncryptedChannel {
		t.Errorf("authorizer callback for %s: %+v (called: %v), want an encrypted channel request", vault, call, ok)
	}

	secret := greeting{Text: "for your eyes only", Count: 42, Tags: []string{"ü", "✓"}}
	if _, err := g.client.Trigger(callCtx(t), vault, "sealed", secret); err != nil {
		t.Fatalf("Trigger struct on %s: %v", vault, err)
	}
	wantData(t, p.WaitFor(t, waitTimeout, interop.EventOn(vault, "sealed")), secret)

	if _, err := g.client.Trigger(callCtx(t), vault, "sealed-text", "plain words, sealed"); err != nil {
		t.Fatalf("Trigger string on %s: %v", vault, err)
	}
	if text, ok := p.WaitFor(t, waitTimeout, interop.EventOn(vault, "sealed-text")).DataString(); !ok || text != "plain words, sealed" {
		t.Errorf("encrypted string data: pusher-js got %q (a string: %v)", text, ok)
	}
	p.ExpectNone(t, 0, interop.OfType("error"))
}
