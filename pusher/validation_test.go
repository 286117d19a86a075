package pusher_test

import (
	"context"
	"errors"
	"math"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/go-pusher/channels/domain"
	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/transport"
)

// TestBadInputIsRefusedBeforeSending checks that every kind of bad input
// returns a *ValidationError naming the field and the reason, sends
// nothing and does not panic.
func TestBadInputIsRefusedBeforeSending(t *testing.T) {
	ctx := context.Background()
	var nilCtx context.Context
	channels101 := make([]string, 101)
	for i := range channels101 {
		channels101[i] = "ch"
	}
	elevenEvents := make([]pusher.Event, 11)
	for i := range elevenEvents {
		elevenEvents[i] = pusher.Event{Channel: "ch", Name: "ev", Data: "x"}
	}
	longName := strings.Repeat("e", 201)
	tooBig := strings.Repeat("x", 10*1024+1)

	tests := []struct {
		name   string
		opts   []pusher.Option
		call   func(c *pusher.Client) error
		field  string
		reason error
	}{
		{name: "empty channel list", field: "channels", reason: domain.ErrTooFew,
			call: func(c *pusher.Client) error { _, err := c.TriggerMulti(ctx, nil, "ev", "x"); return err }},
		{name: "101 channels", field: "channels", reason: domain.ErrTooMany,
			call: func(c *pusher.Client) error { _, err := c.TriggerMulti(ctx, channels101, "ev", "x"); return err }},
		{name: "empty channel name", field: "channel", reason: domain.ErrEmpty,
			call: func(c *pusher.Client) error { _, err := c.Trigger(ctx, "", "ev", "x"); return err }},
		{name: "channel name with a space", field: "channel", reason: domain.ErrBadCharacter,
			call: func(c *pusher.Client) error { _, err := c.Trigger(ctx, "a b", "ev", "x"); return err }},
		{name: "201-byte channel name", field: "channel", reason: domain.ErrTooLong,
			call: func(c *pusher.Client) error {
				_, err := c.Trigger(ctx, strings.Repeat("c", 201), "ev", "x")
				return err
			}},
		{name: "bad channel among good", field: "channel", reason: domain.ErrBadCharacter,
			call: func(c *pusher.Client) error {
				_, err := c.TriggerMulti(ctx, []string{"ok", "not/ok"}, "ev", "x")
				return err
			}},
		{name: "201-character event name", field: "event", reason: domain.ErrTooLong,
			call: func(c *pusher.Client) error { _, err := c.Trigger(ctx, "ch", longName, "x"); return err }},
		{name: "empty event name", field: "event", reason: domain.ErrEmpty,
			call: func(c *pusher.Client) error { _, err := c.Trigger(ctx, "ch", "", "x"); return err }},
		{name: "invalid socket id", field: "socket_id", reason: domain.ErrBadFormat,
			call: func(c *pusher.Client) error {
				_, err := c.Trigger(ctx, "ch", "ev", "x", pusher.ExcludeSocket("123"))
				return err
			}},
		{name: "socket id with trailing junk", field: "socket_id", reason: domain.ErrBadFormat,
			call: func(c *pusher.Client) error {
				_, err := c.Trigger(ctx, "ch", "ev", "x", pusher.ExcludeSocket("1.2&x=y"))
				return err
			}},
		{name: "info smuggling a parameter", field: "info", reason: domain.ErrBadFormat,
			call: func(c *pusher.Client) error {
				_, err := c.Trigger(ctx, "ch", "ev", "x", pusher.WithInfo("user_count&x=1"))
				return err
			}},
		{name: "data of 10 KiB + 1", field: "data", reason: domain.ErrTooLarge,
			call: func(c *pusher.Client) error { _, err := c.Trigger(ctx, "ch", "ev", tooBig); return err }},
		{name: "struct data over 10 KiB once encoded", field: "data", reason: domain.ErrTooLarge,
			call: func(c *pusher.Client) error {
				_, err := c.Trigger(ctx, "ch", "ev", map[string]string{"k": strings.Repeat("y", 10*1024)})
				return err
			}},
		{name: "data over a custom limit", field: "data", reason: domain.ErrTooLarge,
			opts: []pusher.Option{pusher.WithLimits(pusher.Limits{MaxDataBytes: 100, MaxChannelsPerTrigger: 100, MaxEventsPerBatch: 10})},
			call: func(c *pusher.Client) error {
				_, err := c.Trigger(ctx, "ch", "ev", strings.Repeat("z", 101))
				return err
			}},
		{name: "channels over a custom limit", field: "channels", reason: domain.ErrTooMany,
			opts: []pusher.Option{pusher.WithLimits(pusher.Limits{MaxDataBytes: 100, MaxChannelsPerTrigger: 2, MaxEventsPerBatch: 10})},
			call: func(c *pusher.Client) error {
				_, err := c.TriggerMulti(ctx, []string{"a", "b", "c"}, "ev", "x")
				return err
			}},
		{name: "string data that is not UTF-8", field: "data", reason: domain.ErrBadFormat,
			call: func(c *pusher.Client) error { _, err := c.Trigger(ctx, "ch", "ev", "caf\xe9"); return err }},
		{name: "byte data that is not UTF-8", field: "data", reason: domain.ErrBadFormat,
			call: func(c *pusher.Client) error { _, err := c.Trigger(ctx, "ch", "ev", []byte{0xff, 'a'}); return err }},
		{name: "channel value", field: "data", reason: domain.ErrBadFormat,
			call: func(c *pusher.Client) error { _, err := c.Trigger(ctx, "ch", "ev", make(chan int)); return err }},
		{name: "func value", field: "data", reason: domain.ErrBadFormat,
			call: func(c *pusher.Client) error { _, err := c.Trigger(ctx, "ch", "ev", func() {}); return err }},
		{name: "NaN", field: "data", reason: domain.ErrBadFormat,
			call: func(c *pusher.Client) error { _, err := c.Trigger(ctx, "ch", "ev", math.NaN()); return err }},
		{name: "encrypted channel among several", field: "channels", reason: domain.ErrNotAllowed,
			opts: []pusher.Option{pusher.WithEncryptionMasterKeyBase64(testMasterKeyB64)},
			call: func(c *pusher.Client) error {
				_, err := c.TriggerMulti(ctx, []string{"plain", "private-encrypted-x"}, "ev", "x")
				return err
			}},
		{name: "empty batch", field: "batch", reason: domain.ErrTooFew,
			call: func(c *pusher.Client) error { _, err := c.TriggerBatch(ctx, nil); return err }},
		{name: "11 events in a batch", field: "batch", reason: domain.ErrTooMany,
			call: func(c *pusher.Client) error { _, err := c.TriggerBatch(ctx, elevenEvents); return err }},
		{name: "one bad event spoils the batch", field: "data", reason: domain.ErrBadFormat,
			call: func(c *pusher.Client) error {
				_, err := c.TriggerBatch(ctx, []pusher.Event{
					{Channel: "a", Name: "ev", Data: "fine"},
					{Channel: "b", Name: "ev", Data: make(chan int)},
				})
				return err
			}},
		{name: "batch event with a bad socket id", field: "socket_id", reason: domain.ErrBadFormat,
			call: func(c *pusher.Client) error {
				_, err := c.TriggerBatch(ctx, []pusher.Event{{Channel: "a", Name: "ev", Data: "x", SocketID: "x.y"}})
				return err
			}},
		{name: "batch event over the data limit", field: "data", reason: domain.ErrTooLarge,
			call: func(c *pusher.Client) error {
				_, err := c.TriggerBatch(ctx, []pusher.Event{{Channel: "a", Name: "ev", Data: tooBig}})
				return err
			}},
		{name: "send to an empty user id", field: "user_id", reason: domain.ErrEmpty,
			call: func(c *pusher.Client) error { return c.SendToUser(ctx, "", "ev", "x") }},
		{name: "send to a user id with a slash", field: "user_id", reason: domain.ErrBadCharacter,
			call: func(c *pusher.Client) error { return c.SendToUser(ctx, "a/b", "ev", "x") }},
		{name: "terminate an empty user id", field: "user_id", reason: domain.ErrEmpty,
			call: func(c *pusher.Client) error { return c.TerminateUserConnections(ctx, "") }},
		{name: "terminate a user id with a path", field: "user_id", reason: domain.ErrBadCharacter,
			call: func(c *pusher.Client) error { return c.TerminateUserConnections(ctx, "../../x") }},
		{name: "users of a non-presence channel", field: "channel", reason: domain.ErrNotAllowed,
			call: func(c *pusher.Client) error { _, err := c.Users(ctx, "private-x"); return err }},
		{name: "channel with a question mark", field: "channel", reason: domain.ErrBadCharacter,
			call: func(c *pusher.Client) error { _, err := c.Channel(ctx, "a?b"); return err }},
		{name: "channels info with a comma", field: "info", reason: domain.ErrBadFormat,
			call: func(c *pusher.Client) error {
				_, err := c.Channels(ctx, pusher.ChannelsOptions{Info: []string{"a,b"}})
				return err
			}},
		{name: "channels prefix with a space", field: "prefix", reason: domain.ErrBadCharacter,
			call: func(c *pusher.Client) error {
				_, err := c.Channels(ctx, pusher.ChannelsOptions{Prefix: "presence- x"})
				return err
			}},
		{name: "get a relative path", field: "path", reason: domain.ErrBadFormat,
			call: func(c *pusher.Client) error { _, err := c.Get(ctx, "channels", nil); return err }},
		{name: "get a path climbing out of the app", field: "path", reason: domain.ErrBadFormat,
			call: func(c *pusher.Client) error { _, err := c.Get(ctx, "/../../other", nil); return err }},
		{name: "get a path holding a query", field: "path", reason: domain.ErrBadFormat,
			call: func(c *pusher.Client) error { _, err := c.Get(ctx, "/channels?x=1", nil); return err }},
		{name: "get with an auth parameter", field: "query", reason: domain.ErrNotAllowed,
			call: func(c *pusher.Client) error {
				_, err := c.Get(ctx, "/channels", url.Values{"Auth_Timestamp": {"1"}})
				return err
			}},
		{name: "post a path holding a fragment", field: "path", reason: domain.ErrBadFormat,
			call: func(c *pusher.Client) error { _, err := c.Post(ctx, "/events#x", nil); return err }},
		{name: "nil ctx on trigger", field: "ctx", reason: domain.ErrEmpty,
			call: func(c *pusher.Client) error { _, err := c.Trigger(nilCtx, "ch", "ev", "x"); return err }},
		{name: "nil ctx on batch", field: "ctx", reason: domain.ErrEmpty,
			call: func(c *pusher.Client) error {
				_, err := c.TriggerBatch(nilCtx, []pusher.Event{{Channel: "a", Name: "b", Data: "c"}})
				return err
			}},
		{name: "nil ctx on channels", field: "ctx", reason: domain.ErrEmpty,
			call: func(c *pusher.Client) error { _, err := c.Channels(nilCtx, pusher.ChannelsOptions{}); return err }},
		{name: "nil ctx on get", field: "ctx", reason: domain.ErrEmpty,
			call: func(c *pusher.Client) error { _, err := c.Get(nilCtx, "/channels", nil); return err }},
		{name: "nil ctx on terminate", field: "ctx", reason: domain.ErrEmpty,
			call: func(c *pusher.Client) error { return c.TerminateUserConnections(nilCtx, "u") }},
		{name: "authorize an invalid socket id", field: "socket_id", reason: domain.ErrBadFormat,
			call: func(c *pusher.Client) error { _, err := c.AuthorizeChannel("1234", "private-x"); return err }},
		{name: "authorize a public channel", field: "channel", reason: domain.ErrNotAllowed,
			call: func(c *pusher.Client) error { _, err := c.AuthorizeChannel("1.2", "public"); return err }},
		{name: "authorize a presence channel as private", field: "channel", reason: domain.ErrNotAllowed,
			call: func(c *pusher.Client) error { _, err := c.AuthorizeChannel("1.2", "presence-x"); return err }},
		{name: "authorize a server-to-user channel", field: "channel", reason: domain.ErrNotAllowed,
			call: func(c *pusher.Client) error { _, err := c.AuthorizeChannel("1.2", "#server-to-user-1"); return err }},
		{name: "presence authorization without a user id", field: "user_id", reason: domain.ErrEmpty,
			call: func(c *pusher.Client) error {
				_, err := c.AuthorizePresenceChannel("1.2", "presence-x", pusher.Member{UserInfo: map[string]string{"n": "x"}})
				return err
			}},
		{name: "presence authorization of a private channel", field: "channel", reason: domain.ErrNotAllowed,
			call: func(c *pusher.Client) error {
				_, err := c.AuthorizePresenceChannel("1.2", "private-x", pusher.Member{UserID: "1"})
				return err
			}},
		{name: "presence user info that is not JSON", field: "user_info", reason: domain.ErrBadFormat,
			call: func(c *pusher.Client) error {
				_, err := c.AuthorizePresenceChannel("1.2", "presence-x", pusher.Member{UserID: "1", UserInfo: make(chan int)})
				return err
			}},
		{name: "user authentication without an id", field: "user_id", reason: domain.ErrEmpty,
			call: func(c *pusher.Client) error { _, err := c.AuthenticateUser("1.2", pusher.User{}); return err }},
		{name: "user authentication with a bad watchlist", field: "watchlist", reason: domain.ErrBadCharacter,
			call: func(c *pusher.Client) error {
				_, err := c.AuthenticateUser("1.2", pusher.User{ID: "1", Watchlist: []string{"ok", "not ok"}})
				return err
			}},
		{name: "user authentication with a bad socket id", field: "socket_id", reason: domain.ErrBadFormat,
			call: func(c *pusher.Client) error { _, err := c.AuthenticateUser(".2", pusher.User{ID: "1"}); return err }},
		{name: "signed query for an auth parameter", field: "query", reason: domain.ErrNotAllowed,
			call: func(c *pusher.Client) error {
				_, err := c.SignedQuery("GET", "/channels", url.Values{"auth_signature": {"x"}}, nil)
				return err
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, d := newRecordingClient(t, tt.opts...)
			err := tt.call(c)
			var ve *pusher.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("err = %v (%T), want a *ValidationError", err, err)
			}
			if ve.Field != tt.field {
				t.Errorf("Field = %q, want %q (%v)", ve.Field, tt.field, err)
			}
			if !errors.Is(err, tt.reason) {
				t.Errorf("err = %v, want reason %v", err, tt.reason)
			}
			if !errors.Is(err, pusher.ErrInvalid) {
				t.Errorf("err = %v does not match ErrInvalid", err)
			}
			if !strings.Contains(err.Error(), tt.field) {
				t.Errorf("message %q does not name %q", err, tt.field)
			}
			if n := d.Calls(); n != 0 {
				t.Errorf("%d requests sent for refused input", n)
			}
		})
	}
}

// TestLimitsAreInclusive checks the largest accepted values at each limit.
func TestLimitsAreInclusive(t *testing.T) {
	ctx := context.Background()
	c, d := newRecordingClient(t)
	channels100 := make([]string, 100)
	for i := range channels100 {
		channels100[i] = "ch"
	}
	batch10 := make([]pusher.Event, 10)
	for i := range batch10 {
		batch10[i] = pusher.Event{Channel: "ch", Name: "ev", Data: "x"}
	}
	calls := []struct {
		name string
		call func() error
	}{
		{"100 channels", func() error { _, err := c.TriggerMulti(ctx, channels100, "ev", "x"); return err }},
		{"200-character event name", func() error {
			_, err := c.Trigger(ctx, "ch", strings.Repeat("é", 200), "x")
			return err
		}},
		{"200-byte channel name", func() error { _, err := c.Trigger(ctx, strings.Repeat("c", 200), "ev", "x"); return err }},
		{"10 KiB of data", func() error { _, err := c.Trigger(ctx, "ch", "ev", strings.Repeat("x", 10*1024)); return err }},
		{"10 events", func() error { _, err := c.TriggerBatch(ctx, batch10); return err }},
	}
	for i, tt := range calls {
		if err := tt.call(); err != nil {
			t.Errorf("%s: %v", tt.name, err)
		}
		if n := d.Calls(); n != i+1 {
			t.Errorf("%s: %d requests sent so far, want %d", tt.name, n, i+1)
		}
	}
}

// TestEndedContextSendsNothing checks that a context that has already
// ended stops the call before the transport, whatever the transport does.
func TestEndedContextSendsNothing(t *testing.T) {
	c, d := newRecordingClient(t)
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	expired, cancel2 := context.WithDeadline(context.Background(), time.Unix(1, 0))
	defer cancel2()
	if _, err := c.Trigger(cancelled, "ch", "ev", "x"); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	if _, err := c.Channels(expired, pusher.ChannelsOptions{}); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("expired: %v", err)
	}
	if d.Calls() != 0 {
		t.Errorf("%d requests sent on ended contexts", d.Calls())
	}
}

// TestNilResponseFromTransport checks that a Doer breaking its contract by
// returning neither a response nor an error gives an error, not a panic.
func TestNilResponseFromTransport(t *testing.T) {
	d := &recordingDoer{respond: func(int, captured) (*transport.Response, error) { return nil, nil }}
	c, err := pusher.New("1", "k", "s", pusher.WithTransport(d))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Trigger(context.Background(), "ch", "ev", "x")
	var te *pusher.TransportError
	if !errors.As(err, &te) {
		t.Fatalf("err = %v (%T), want *TransportError", err, err)
	}
}
