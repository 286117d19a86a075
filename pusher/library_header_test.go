package pusher_test

import (
	"context"
	"testing"

	"github.com/go-pusher/channels/pusher"
)

// TestRequestsCarryTheLibraryHeader: every request names the library in
// X-Pusher-Library, as the official libraries do.
func TestRequestsCarryTheLibraryHeader(t *testing.T) {
	c, d := newRecordingClient(t)
	ctx := context.Background()
	_, _ = c.Trigger(ctx, "ch", "ev", "data")
	_, _ = c.Channels(ctx, pusher.ChannelsOptions{})
	_ = c.TerminateUserConnections(ctx, "u")
	_, _ = c.Get(ctx, "/channels", nil)
	want := "go-pusher/channels " + pusher.Version
	for _, r := range d.Requests() {
		if got := r.Header.Get("X-Pusher-Library"); got != want {
			t.Errorf("%s %s: X-Pusher-Library %q, want %q", r.Method, r.Path(), got, want)
		}
	}
	if len(d.Requests()) != 4 {
		t.Errorf("%d requests, want 4", len(d.Requests()))
	}
}
