package pusher_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/go-pusher/channels/crypto"
	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/pushertest"
)

// checkSealedFor checks that ev's data opens with its own channel's key
// to want and does not open with other's.
func checkSealedFor(t *testing.T, master *crypto.MasterKey, ev pushertest.Event, other, want string) {
	t.Helper()
	plain, err := master.Decrypt(ev.Channel, []byte(ev.Data))
	if err != nil {
		t.Errorf("%s: does not open with its own key: %v", ev.Channel, err)
		return
	}
	if string(plain) != want {
		t.Errorf("%s: opened to %q, want %q", ev.Channel, plain, want)
	}
	if _, err := master.Decrypt(other, []byte(ev.Data)); err == nil {
		t.Errorf("%s: also opens with the key of %s", ev.Channel, other)
	}
}

func TestPublisherSealsEachEncryptedEventWithItsChannelKey(t *testing.T) {
	srv := newFake(t)
	g := newGate(1)
	c := newFakeClient(t, srv, g.Wrap(wireDoer(t)), pusher.WithEncryptionMasterKeyBase64(testMasterKeyB64))
	p := newPublisher(t, c, pusher.PublisherOptions{MaxInFlight: 1})

	// Held behind the gate, the events after the first share batches:
	// encrypted and plain ones, with different sockets excluded.
	const n = 12
	for i := range n {
		e := pusher.Event{Channel: fmt.Sprintf("private-encrypted-%d", i), Name: "ev", Data: fmt.Sprintf("secret %d", i), SocketID: fmt.Sprintf("%d.1", i)}
		if i%3 == 0 {
			e.Channel = fmt.Sprintf("plain-%d", i)
		}
		if err := p.Publish(context.Background(), e); err != nil {
			t.Fatal(err)
		}
	}
	g.Open()
	closePublisher(t, p)

	master := testMasterKey(t)
	evs := srv.Events()
	if len(evs) != n {
		t.Fatalf("the fake got %d events, want %d", len(evs), n)
	}
	if reqs := len(srv.Requests()); reqs >= n {
		t.Errorf("%d requests for %d events: no batching", reqs, n)
	}
	for _, ev := range evs {
		var i int
		if _, err := fmt.Sscanf(ev.SocketID, "%d.1", &i); err != nil {
			t.Fatalf("event %+v: socket id %q", ev, ev.SocketID)
		}
		want := fmt.Sprintf("secret %d", i)
		if i%3 == 0 {
			if ev.Channel != fmt.Sprintf("plain-%d", i) || ev.Data != want {
				t.Errorf("plain event %+v", ev)
			}
			continue
		}
		if ev.Channel != fmt.Sprintf("private-encrypted-%d", i) {
			t.Errorf("event %+v went to the wrong channel", ev)
		}
		checkSealedFor(t, master, ev, fmt.Sprintf("private-encrypted-%d", (i+1)%n), want)
	}
}
