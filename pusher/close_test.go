package pusher_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"go.uber.org/goleak"

	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/transport"
)

// TestCloseReleasesTheDefaultTransport: after a call through the default
// transport, Close leaves no connection goroutine behind.
func TestCloseReleasesTheDefaultTransport(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"channels":{}}`))
	}))
	defer srv.Close()
	before := goleak.IgnoreCurrent()
	c, err := pusher.New("1", "key", "secret", pusher.WithHost(strings.TrimPrefix(srv.URL, "http://")), pusher.WithTLS(false))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Channels(context.Background(), pusher.ChannelsOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	goleak.VerifyNone(t, before)
}

// idleCloserDoer is a transport that counts CloseIdleConnections calls.
type idleCloserDoer struct {
	recordingDoer
	closed atomic.Int32
}

// CloseIdleConnections counts the call.
func (d *idleCloserDoer) CloseIdleConnections() { d.closed.Add(1) }

var _ transport.IdleCloser = (*idleCloserDoer)(nil)

// TestCloseLeavesTheUsersTransport: a transport given with WithTransport
// stays the caller's; after Close every call that would send fails with
// ErrClosed and sends nothing, while the signing helpers keep working.
func TestCloseLeavesTheUsersTransport(t *testing.T) {
	d := &idleCloserDoer{}
	c, err := pusher.New("1", "key", "secret", pusher.WithTransport(d))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if n := d.closed.Load(); n != 0 {
		t.Errorf("Close called the caller's CloseIdleConnections %d times", n)
	}
	ctx := context.Background()
	_, err1 := c.Trigger(ctx, "ch", "ev", "data")
	_, err2 := c.Channels(ctx, pusher.ChannelsOptions{})
	_, err3 := c.Get(ctx, "/channels", nil)
	err4 := c.TerminateUserConnections(ctx, "u")
	for _, err := range []error{err1, err2, err3, err4} {
		if !errors.Is(err, pusher.ErrClosed) {
			t.Errorf("after Close: err = %v, want ErrClosed", err)
		}
	}
	if d.Calls() != 0 {
		t.Errorf("%d requests sent after Close", d.Calls())
	}
	if _, err := c.AuthorizeChannel("1.2", "private-x"); err != nil {
		t.Errorf("AuthorizeChannel after Close: %v", err)
	}
}
