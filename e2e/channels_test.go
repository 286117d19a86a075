//go:build e2e

package e2e

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"

	"github.com/go-pusher/channels/domain"
	"github.com/go-pusher/channels/internal/interop"
	"github.com/go-pusher/channels/pusher"
)

// checkPrivateChannel: pusher-js's private subscriptions are authorized by
// our channel authorizer (soketi checks the signature), and a refusal
// reaches pusher-js as a 403.
func checkPrivateChannel(t *testing.T, g *group) {
	const room, closed = "private-room", deniedPrefix + "room"
	p := g.subscriber(t, sub{channels: []string{room, closed}})
	p.WaitFor(t, waitTimeout, interop.SubscribedTo(room))
	if m := p.WaitFor(t, waitTimeout, interop.SubscriptionErrorOn(closed)); m.Status != http.StatusForbidden {
		t.Errorf("refused subscription: pusher-js saw status %d, want 403: %s", m.Status, m.Line)
	}
	call, ok := g.auth.find("channel", p.SocketID(), room)
	if !ok || call.kind != domain.PrivateChannel {
		t.Errorf("authorizer callback for %s from %s: %+v (called: %v), want a private channel request", room, p.SocketID(), call, ok)
	}

	if _, err := g.client.Trigger(callCtx(t), room, "whisper", greeting{Text: "psst"}); err != nil {
		t.Fatalf("Trigger: %v", err)
	}
	wantData(t, p.WaitFor(t, waitTimeout, interop.EventOn(room, "whisper")), greeting{Text: "psst"})
}

// checkPresenceChannel: presence subscriptions authorized as the member our
// callback returns, then Users, Channel and Channels as soketi answers them.
func checkPresenceChannel(t *testing.T, g *group) {
	const room, side = "presence-lobby", "private-lobby-side"
	alice := g.subscriber(t, sub{user: "alice", channels: []string{room, side}})
	joined := alice.WaitFor(t, waitTimeout, interop.SubscribedTo(room))
	alice.WaitFor(t, waitTimeout, interop.SubscribedTo(side))
	wantJSON(t, "alice's me", joined.Me, map[string]any{"id": "alice", "info": userInfo("alice")})

	bob := g.subscriber(t, sub{user: "bob", channels: []string{room}})
	if m := bob.WaitFor(t, waitTimeout, interop.SubscribedTo(room)); m.Count != 2 {
		t.Errorf("bob sees %d members, want 2: %s", m.Count, m.Line)
	} else {
		wantJSON(t, "bob's members", m.Members, map[string]any{"alice": userInfo("alice"), "bob": userInfo("bob")})
	}
	added := alice.WaitFor(t, waitTimeout, interop.OfType("member_added"))
	if added.Channel != room || added.UserID != "bob" {
		t.Errorf("alice saw member_added %s, want bob on %s", added.Line, room)
	}
	wantJSON(t, "bob's user_info", added.UserInfo, userInfo("bob"))

	// Without a user the callback refuses with ErrUnauthenticated: 401.
	anon := g.subscriber(t, sub{channels: []string{room}})
	if m := anon.WaitFor(t, waitTimeout, interop.SubscriptionErrorOn(room)); m.Status != http.StatusUnauthorized {
		t.Errorf("anonymous presence subscription: pusher-js saw status %d, want 401: %s", m.Status, m.Line)
	}

	wantUsers(t, g, room, "alice", "bob")

	// soketi answers the channel endpoint with occupied and both counts.
	attrs, err := g.client.Channel(callCtx(t), room, "user_count", "subscription_count")
	if err != nil {
		t.Fatalf("Channel: %v", err)
	}
	if !attrs.Occupied || attrs.UserCount == nil || *attrs.UserCount != 2 || attrs.SubscriptionCount == nil || *attrs.SubscriptionCount != 2 {
		t.Errorf("Channel(%s) = %s, want occupied with 2 users and 2 subscriptions", room, describe(attrs))
	}

	// soketi lists occupied channels, filtered by prefix, without
	// user_count whatever info asks.
	all, err := g.client.Channels(callCtx(t), pusher.ChannelsOptions{})
	if err != nil {
		t.Fatalf("Channels: %v", err)
	}
	for _, name := range []string{room, side} {
		if _, ok := all.Channels[name]; !ok {
			t.Errorf("Channels() = %v, want %s listed", all.Channels, name)
		}
	}
	list, err := g.client.Channels(callCtx(t), pusher.ChannelsOptions{Prefix: "presence-", Info: []string{"user_count"}})
	if err != nil {
		t.Fatalf("Channels(presence-): %v", err)
	}
	if a, ok := list.Channels[room]; !ok || a.UserCount != nil {
		t.Errorf("Channels(presence-, user_count) = %v, want %s listed without user_count (soketi omits it)", list.Channels, room)
	}
	for name := range list.Channels {
		if domain.KindOf(name) != domain.PresenceChannel {
			t.Errorf("Channels(prefix presence-) lists %q", name)
		}
	}

	if _, err := g.client.Trigger(callCtx(t), room, "hello", "everyone"); err != nil {
		t.Fatalf("Trigger: %v", err)
	}
	alice.WaitFor(t, waitTimeout, interop.EventOn(room, "hello"))
	bob.WaitFor(t, waitTimeout, interop.EventOn(room, "hello"))

	// Bob leaves: alice is told, and the answers follow.
	if err := bob.Unsubscribe(room); err != nil {
		t.Fatal(err)
	}
	if m := alice.WaitFor(t, waitTimeout, interop.OfType("member_removed")); m.UserID != "bob" {
		t.Errorf("member_removed = %s, want bob", m.Line)
	}
	wantUsers(t, g, room, "alice")
	alice.Close()
	anon.Close()
	bob.Close()
	g.hooks.waitFor(t, "channel_vacated", room, nil)
	if attrs, err := g.client.Channel(callCtx(t), room); err != nil || attrs.Occupied {
		t.Errorf("Channel(%s) after everyone left = %s, %v; want unoccupied", room, describe(attrs), err)
	}
}

// wantUsers fails the test unless Users lists exactly ids.
func wantUsers(t *testing.T, g *group, channel string, ids ...string) {
	t.Helper()
	users, err := g.client.Users(callCtx(t), channel)
	if err != nil {
		t.Fatalf("Users(%s): %v", channel, err)
	}
	got := make([]string, 0, len(users))
	for _, u := range users {
		got = append(got, u.ID)
	}
	slices.Sort(got)
	if !slices.Equal(got, ids) {
		t.Errorf("Users(%s) = %v, want %v", channel, got, ids)
	}
}

// wantJSON fails the test unless got is the JSON value want encodes.
func wantJSON(t *testing.T, what string, got json.RawMessage, want any) {
	t.Helper()
	w, err := json.Marshal(want)
	if err != nil {
		t.Fatalf("encode want: %v", err)
	}
	if !jsonEqual(got, w) {
		t.Errorf("%s = %s, want %s", what, got, w)
	}
}

// describe renders attributes with their counts' values.
func describe(a pusher.ChannelAttributes) string {
	b, _ := json.Marshal(a)
	return string(b)
}
