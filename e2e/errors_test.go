//go:build e2e

package e2e

import (
	"errors"
	"strings"
	"testing"

	"github.com/go-pusher/channels/internal/interop"
	"github.com/go-pusher/channels/pusher"
)

// checkWrongSecret: soketi refuses requests signed with a wrong secret
// with HTTP 200 and {"error":…,"code":401}; the client reports each as an
// *APIError matching pusher.ErrUnauthorized, never as success, and the
// event reaches nobody.
func checkWrongSecret(t *testing.T, g *group) {
	const ch, wrong = "public-forged", "not-the-e2e-secret"
	p := g.subscriber(t, sub{channels: []string{ch}})
	p.WaitFor(t, waitTimeout, interop.SubscribedTo(ch))
	bad := g.newClient(t, wrong)

	calls := []struct {
		name string
		call func() error
	}{
		{"Trigger", func() error { _, err := bad.Trigger(callCtx(t), ch, "forged", "x"); return err }},
		{"TriggerBatch", func() error {
			_, err := bad.TriggerBatch(callCtx(t), []pusher.Event{{Channel: ch, Name: "forged", Data: "x"}})
			return err
		}},
		{"SendToUser", func() error { return bad.SendToUser(callCtx(t), "ivan", "forged", "x") }},
		{"Channels", func() error { _, err := bad.Channels(callCtx(t), pusher.ChannelsOptions{}); return err }},
		{"Channel", func() error { _, err := bad.Channel(callCtx(t), ch); return err }},
		{"Users", func() error { _, err := bad.Users(callCtx(t), "presence-x"); return err }},
		{"TerminateUserConnections", func() error { return bad.TerminateUserConnections(callCtx(t), "ivan") }},
	}
	for _, c := range calls {
		err := c.call()
		if !errors.Is(err, pusher.ErrUnauthorized) {
			t.Errorf("%s with a wrong secret: err = %v, want one matching pusher.ErrUnauthorized", c.name, err)
			continue
		}
		var apiErr *pusher.APIError
		if !errors.As(err, &apiErr) || apiErr.StatusCode != 401 {
			t.Errorf("%s: %v is not an *APIError with status 401", c.name, err)
			continue
		}
		t.Logf("%s: HTTP %d, classified %d: %v", c.name, apiErr.HTTPStatus, apiErr.StatusCode, err)
		for _, leak := range []string{wrong, g.dep.secret, "auth_signature"} {
			if strings.Contains(err.Error(), leak) {
				t.Errorf("%s: error %q contains %q", c.name, err, leak)
			}
		}
	}

	// Nothing forged arrived: the subscriber gets the next genuine event,
	// and no forged one before or after it.
	if _, err := g.client.Trigger(callCtx(t), ch, "genuine", "x"); err != nil {
		t.Fatalf("Trigger with the right secret: %v", err)
	}
	p.WaitFor(t, waitTimeout, interop.EventOn(ch, "genuine"))
	p.ExpectNone(t, quietWindow, interop.EventOn(ch, "forged"))
}
