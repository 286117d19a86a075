package pusher_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/pushertest"
	"github.com/go-pusher/channels/transport"
	"github.com/go-pusher/channels/transport/fasthttp"
	"github.com/go-pusher/channels/transport/nethttp"
	"github.com/go-pusher/channels/transport/resty"
)

// TestClientSuite runs the client against the fake server once over each
// transport adapter: net/http (the default), resty and fasthttp.
func TestClientSuite(t *testing.T) {
	adapters := map[string]func() transport.Doer{
		"nethttp":  func() transport.Doer { return nethttp.New() },
		"resty":    func() transport.Doer { return resty.New() },
		"fasthttp": func() transport.Doer { return fasthttp.New() },
	}
	for name, newAdapter := range adapters {
		t.Run(name, func(t *testing.T) {
			runClientSuite(t, func(t *testing.T) transport.Doer {
				d := newAdapter()
				t.Cleanup(d.(transport.IdleCloser).CloseIdleConnections)
				return d
			})
		})
	}
}

// suiteCase is one behaviour of the client proved over a real transport.
type suiteCase struct {
	name string
	run  func(t *testing.T, d transport.Doer)
}

// runClientSuite proves the client's calls end to end against the fake
// Channels server, each case with a fresh Doer from newDoer, so the same
// suite can run over every transport adapter.
func runClientSuite(t *testing.T, newDoer func(t *testing.T) transport.Doer) {
	t.Helper()
	cases := slices.Concat(triggerCases(), queryCases(), errorCases())
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.run(t, newDoer(t))
		})
	}
}

// triggerCases cover Trigger, TriggerMulti, TriggerBatch and SendToUser.
func triggerCases() []suiteCase {
	return []suiteCase{
		{"trigger_data_kinds", suiteTriggerDataKinds},
		{"trigger_multi", suiteTriggerMulti},
		{"trigger_exclude_socket", suiteExcludeSocket},
		{"trigger_with_info", suiteTriggerWithInfo},
		{"trigger_batch", suiteTriggerBatch},
		{"send_to_user", suiteSendToUser},
		{"odd_channel_names", suiteOddChannelNames},
	}
}

// queryCases cover Channels, Channel, Users, TerminateUserConnections and
// the generic calls.
func queryCases() []suiteCase {
	return []suiteCase{
		{"channels", suiteChannels},
		{"channel", suiteChannel},
		{"users", suiteUsers},
		{"terminate_user_connections", suiteTerminate},
		{"get_post_signed_query", suiteGeneric},
	}
}

// errorCases cover how failures come back.
func errorCases() []suiteCase {
	return []suiteCase{
		{"status_errors", suiteStatusErrors},
		{"fake_own_errors", suiteFakeOwnErrors},
		{"wrong_secret", suiteWrongSecret},
		{"error_in_200_body", suiteEmbeddedError},
		{"malformed_2xx", suiteMalformed},
		{"network_error", suiteNetworkError},
		{"cancelled_ctx", suiteCancelled},
		{"timeouts", suiteTimeouts},
	}
}

func suiteTriggerDataKinds(t *testing.T, d transport.Doer) {
	srv := newFake(t)
	c := newFakeClient(t, srv, d)
	type payload struct {
		Message string `json:"message"`
		N       int    `json:"n"`
	}
	tests := []struct {
		name string
		data any
		want string
	}{
		{"string", `hello "world" <&>`, `hello "world" <&>`},
		{"string not JSON", "plain text, ünïcödé \u2028", "plain text, ünïcödé \u2028"},
		{"empty string", "", ""},
		{"bytes", []byte(`{"a":1}`), `{"a":1}`},
		{"raw message", json.RawMessage(`{"b": [1, 2]}`), `{"b": [1, 2]}`},
		{"struct", payload{Message: "hi", N: 3}, `{"message":"hi","n":3}`},
		{"pointer to struct", &payload{Message: "<p>", N: 1}, `{"message":"\u003cp\u003e","n":1}`},
		{"map", map[string]int{"x": 1}, `{"x":1}`},
		{"number", 42, `42`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := c.Trigger(context.Background(), "my-channel", "my-event", tt.data)
			if err != nil {
				t.Fatalf("Trigger: %v", err)
			}
			if res.Channels != nil {
				t.Errorf("Channels = %v without WithInfo, want nil", res.Channels)
			}
			ev := lastEvent(t, srv)
			if ev.Channel != "my-channel" || ev.Name != "my-event" || ev.SocketID != "" {
				t.Errorf("recorded %+v", ev)
			}
			if ev.Data != tt.want {
				t.Errorf("data on the wire = %q, want %q", ev.Data, tt.want)
			}
		})
	}
}

func suiteTriggerMulti(t *testing.T, d transport.Doer) {
	srv := newFake(t)
	c := newFakeClient(t, srv, d)
	channels := []string{"a", "private-b", "presence-c"}
	if _, err := c.TriggerMulti(context.Background(), channels, "multi", "payload"); err != nil {
		t.Fatalf("TriggerMulti: %v", err)
	}
	evs := srv.Events()
	if len(evs) != 3 {
		t.Fatalf("recorded %d events, want 3: %+v", len(evs), evs)
	}
	for i, ev := range evs {
		if ev.Channel != channels[i] || ev.Name != "multi" || ev.Data != "payload" {
			t.Errorf("event %d = %+v", i, ev)
		}
	}
	if n := len(srv.Requests()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

func suiteExcludeSocket(t *testing.T, d transport.Doer) {
	srv := newFake(t)
	c := newFakeClient(t, srv, d)
	if _, err := c.Trigger(context.Background(), "ch", "ev", "x", pusher.ExcludeSocket("123.456")); err != nil {
		t.Fatalf("Trigger: %v", err)
	}
	if ev := lastEvent(t, srv); ev.SocketID != "123.456" {
		t.Errorf("excluded socket = %q, want 123.456", ev.SocketID)
	}
}

// subscribeRoom occupies presence-room with 3 sockets of 2 users and
// public-room with 1 socket.
func subscribeRoom(t *testing.T, srv *pushertest.Server) {
	t.Helper()
	for _, s := range []struct {
		ch, socket, user string
	}{
		{"presence-room", "1.1", "u1"},
		{"presence-room", "1.2", "u2"},
		{"presence-room", "1.3", "u1"},
		{"public-room", "2.1", ""},
	} {
		var m *pusher.Member
		if s.user != "" {
			m = &pusher.Member{UserID: s.user}
		}
		if err := srv.Subscribe(s.ch, s.socket, m); err != nil {
			t.Fatalf("Subscribe: %v", err)
		}
	}
}

func suiteTriggerWithInfo(t *testing.T, d transport.Doer) {
	srv := newFake(t)
	subscribeRoom(t, srv)
	c := newFakeClient(t, srv, d)
	res, err := c.TriggerMulti(context.Background(), []string{"presence-room", "public-room", "empty"}, "ev", "x",
		pusher.WithInfo("subscription_count", "user_count"))
	if err != nil {
		t.Fatalf("TriggerMulti: %v", err)
	}
	want := map[string]pusher.ChannelAttributes{
		"presence-room": {SubscriptionCount: intp(3), UserCount: intp(2)},
		"public-room":   {SubscriptionCount: intp(1)},
		"empty":         {SubscriptionCount: intp(0)},
	}
	if !reflect.DeepEqual(res.Channels, want) {
		t.Errorf("Channels = %s, want %s", showAttrs(res.Channels), showAttrs(want))
	}
}

// showAttrs renders attributes with their counts rather than pointers.
func showAttrs(m map[string]pusher.ChannelAttributes) string {
	var b strings.Builder
	for _, k := range slices.Sorted(maps.Keys(m)) {
		a := m[k]
		fmt.Fprintf(&b, "%s{occupied %v subs %v users %v} ", k, a.Occupied, deref(a.SubscriptionCount), deref(a.UserCount))
	}
	return b.String()
}

func suiteTriggerBatch(t *testing.T, d transport.Doer) {
	srv := newFake(t)
	subscribeRoom(t, srv)
	c := newFakeClient(t, srv, d)
	ctx := context.Background()

	res, err := c.TriggerBatch(ctx, []pusher.Event{
		{Channel: "a", Name: "e1", Data: "one"},
		{Channel: "b", Name: "e2", Data: map[string]string{"k": "v"}, SocketID: "9.9"},
	})
	if err != nil {
		t.Fatalf("TriggerBatch: %v", err)
	}
	if res.Batch != nil {
		t.Errorf("Batch = %v without Info, want nil", res.Batch)
	}
	want := []pushertest.Event{
		{Channel: "a", Name: "e1", Data: "one"},
		{Channel: "b", Name: "e2", Data: `{"k":"v"}`, SocketID: "9.9"},
	}
	if got := srv.Events(); !reflect.DeepEqual(got, want) {
		t.Errorf("recorded %+v\nwant %+v", got, want)
	}

	res, err = c.TriggerBatch(ctx, []pusher.Event{
		{Channel: "presence-room", Name: "e", Data: "x", Info: []string{"user_count", "subscription_count"}},
		{Channel: "public-room", Name: "e", Data: "y", Info: []string{"subscription_count"}},
		{Channel: "c", Name: "e", Data: "z"},
	})
	if err != nil {
		t.Fatalf("TriggerBatch with info: %v", err)
	}
	if len(res.Batch) != 3 {
		t.Fatalf("Batch has %d entries, want 3", len(res.Batch))
	}
	if got := res.Batch[0]; deref(got.UserCount) != 2 || deref(got.SubscriptionCount) != 3 {
		t.Errorf("batch[0] users %v subs %v, want 2 and 3", deref(got.UserCount), deref(got.SubscriptionCount))
	}
	if got := res.Batch[1]; got.UserCount != nil || deref(got.SubscriptionCount) != 1 {
		t.Errorf("batch[1] users %v subs %v, want nil and 1", deref(got.UserCount), deref(got.SubscriptionCount))
	}
	if got := res.Batch[2]; got.UserCount != nil || got.SubscriptionCount != nil {
		t.Errorf("batch[2] = %v %v, want no attributes", deref(got.UserCount), deref(got.SubscriptionCount))
	}
}

func suiteSendToUser(t *testing.T, d transport.Doer) {
	srv := newFake(t)
	c := newFakeClient(t, srv, d)
	if err := c.SendToUser(context.Background(), "user-1", "notice", map[string]bool{"ok": true}); err != nil {
		t.Fatalf("SendToUser: %v", err)
	}
	ev := lastEvent(t, srv)
	if ev.Channel != "#server-to-user-user-1" || ev.Name != "notice" || ev.Data != `{"ok":true}` {
		t.Errorf("recorded %+v", ev)
	}
}

// suiteOddChannelNames sends every allowed punctuation of a channel name
// through the path and the query; the fake checks each signature over the
// path and query as sent, so a mismatch fails the call.
func suiteOddChannelNames(t *testing.T, d transport.Doer) {
	srv := newFake(t)
	c := newFakeClient(t, srv, d)
	ctx := context.Background()
	const odd = "presence-a=b@c,d.e;f-_Z9"
	if err := srv.Subscribe(odd, "5.5", &pusher.Member{UserID: "u=@,.;"}); err != nil {
		t.Fatal(err)
	}

	if _, err := c.Trigger(ctx, "private-=@,.;", "ev", "x", pusher.WithInfo("subscription_count")); err != nil {
		t.Errorf("Trigger: %v", err)
	}
	if _, err := c.TriggerBatch(ctx, []pusher.Event{{Channel: "=@,.;", Name: "ev", Data: "y"}}); err != nil {
		t.Errorf("TriggerBatch: %v", err)
	}
	attrs, err := c.Channel(ctx, odd, "user_count", "subscription_count")
	if err != nil {
		t.Errorf("Channel: %v", err)
	} else if !attrs.Occupied || deref(attrs.UserCount) != 1 {
		t.Errorf("Channel = occupied %v users %v", attrs.Occupied, deref(attrs.UserCount))
	}
	users, err := c.Users(ctx, odd)
	if err != nil {
		t.Errorf("Users: %v", err)
	} else if len(users) != 1 || users[0].ID != "u=@,.;" {
		t.Errorf("Users = %v", users)
	}
	list, err := c.Channels(ctx, pusher.ChannelsOptions{Prefix: "presence-a=b@c,", Info: []string{"user_count"}})
	if err != nil {
		t.Errorf("Channels: %v", err)
	} else if _, ok := list.Channels[odd]; !ok || len(list.Channels) != 1 {
		t.Errorf("Channels = %v", list.Channels)
	}
	if err := c.TerminateUserConnections(ctx, "u=@,.;"); err != nil {
		t.Errorf("TerminateUserConnections: %v", err)
	}
	// A "#" must be escaped in the path, and the escaped path is what is
	// signed.
	if _, err := c.Channel(ctx, "#server-to-user-u=@,.;"); err != nil {
		t.Errorf("Channel on a server-to-user channel: %v", err)
	}
	for _, r := range srv.Requests() {
		if r.Status != http.StatusOK {
			t.Errorf("%s %s answered %d: %s", r.Method, r.Path, r.Status, r.Response)
		}
	}
}

func suiteChannels(t *testing.T, d transport.Doer) {
	srv := newFake(t)
	subscribeRoom(t, srv)
	if err := srv.Subscribe("presence-other", "3.1", &pusher.Member{UserID: "u9"}); err != nil {
		t.Fatal(err)
	}
	c := newFakeClient(t, srv, d)
	ctx := context.Background()

	all, err := c.Channels(ctx, pusher.ChannelsOptions{})
	if err != nil {
		t.Fatalf("Channels: %v", err)
	}
	if got := slices.Sorted(maps.Keys(all.Channels)); !slices.Equal(got, []string{"presence-other", "presence-room", "public-room"}) {
		t.Errorf("all channels = %v", got)
	}

	presence, err := c.Channels(ctx, pusher.ChannelsOptions{Prefix: "presence-", Info: []string{"user_count"}})
	if err != nil {
		t.Fatalf("Channels(presence-, user_count): %v", err)
	}
	want := map[string]pusher.ChannelAttributes{
		"presence-other": {UserCount: intp(1)},
		"presence-room":  {UserCount: intp(2)},
	}
	if !reflect.DeepEqual(presence.Channels, want) {
		t.Errorf("presence channels = %s, want %s", showAttrs(presence.Channels), showAttrs(want))
	}
	last := srv.Requests()[len(srv.Requests())-1]
	q, _ := url.ParseQuery(last.RawQuery)
	if q.Get("filter_by_prefix") != "presence-" || q.Get("info") != "user_count" {
		t.Errorf("query sent = %v", q)
	}
}

func suiteChannel(t *testing.T, d transport.Doer) {
	srv := newFake(t)
	subscribeRoom(t, srv)
	c := newFakeClient(t, srv, d)
	ctx := context.Background()

	got, err := c.Channel(ctx, "presence-room", "user_count", "subscription_count")
	if err != nil {
		t.Fatalf("Channel: %v", err)
	}
	if !got.Occupied || deref(got.UserCount) != 2 || deref(got.SubscriptionCount) != 3 {
		t.Errorf("presence-room = occupied %v users %v subs %v", got.Occupied, deref(got.UserCount), deref(got.SubscriptionCount))
	}
	got, err = c.Channel(ctx, "nobody-here")
	if err != nil {
		t.Fatalf("Channel: %v", err)
	}
	if got.Occupied || got.UserCount != nil || got.SubscriptionCount != nil {
		t.Errorf("empty channel = %+v", got)
	}
}

func suiteUsers(t *testing.T, d transport.Doer) {
	srv := newFake(t)
	subscribeRoom(t, srv)
	c := newFakeClient(t, srv, d)
	users, err := c.Users(context.Background(), "presence-room")
	if err != nil {
		t.Fatalf("Users: %v", err)
	}
	if want := []pusher.PresenceUser{{ID: "u1"}, {ID: "u2"}}; !reflect.DeepEqual(users, want) {
		t.Errorf("Users = %v, want %v", users, want)
	}
	users, err = c.Users(context.Background(), "presence-empty")
	if err != nil || len(users) != 0 {
		t.Errorf("Users of an empty channel = %v, %v", users, err)
	}
}

func suiteTerminate(t *testing.T, d transport.Doer) {
	srv := newFake(t)
	subscribeRoom(t, srv)
	c := newFakeClient(t, srv, d)
	if err := c.TerminateUserConnections(context.Background(), "u1"); err != nil {
		t.Fatalf("TerminateUserConnections: %v", err)
	}
	if got := srv.TerminatedUsers(); !slices.Equal(got, []string{"u1"}) {
		t.Errorf("terminated = %v", got)
	}
	reqs := srv.Requests()
	if r := reqs[len(reqs)-1]; r.Method != http.MethodPost || r.Path != "/apps/1/users/u1/terminate_connections" {
		t.Errorf("sent %s %s", r.Method, r.Path)
	}
	users, err := c.Users(context.Background(), "presence-room")
	if err != nil || !reflect.DeepEqual(users, []pusher.PresenceUser{{ID: "u2"}}) {
		t.Errorf("after terminating u1, Users = %v, %v", users, err)
	}
}

func suiteGeneric(t *testing.T, d transport.Doer) {
	srv := newFake(t)
	subscribeRoom(t, srv)
	c := newFakeClient(t, srv, d)
	ctx := context.Background()

	body, err := c.Get(ctx, "/channels", url.Values{"filter_by_prefix": {"public-"}})
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	var list struct {
		Channels map[string]json.RawMessage `json:"channels"`
	}
	if err := json.Unmarshal(body, &list); err != nil || len(list.Channels) != 1 || list.Channels["public-room"] == nil {
		t.Errorf("Get body %s (%v)", body, err)
	}

	if _, err := c.Post(ctx, "/events", []byte(`{"name":"raw","channels":["x"],"data":"d"}`)); err != nil {
		t.Fatalf("Post: %v", err)
	}
	if ev := lastEvent(t, srv); ev.Name != "raw" || ev.Channel != "x" || ev.Data != "d" {
		t.Errorf("Post recorded %+v", ev)
	}

	// SignedQuery: the caller sends the request itself, here through the
	// same transport.
	q, err := c.SignedQuery("get", "/channels/presence-room", url.Values{"info": {"user_count"}}, nil)
	if err != nil {
		t.Fatalf("SignedQuery: %v", err)
	}
	resp, err := d.Do(ctx, &transport.Request{Method: http.MethodGet, URL: srv.URL() + "/apps/1/channels/presence-room?" + q})
	if err != nil {
		t.Fatalf("Do: %v", err)
	}
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(resp.Body), `"user_count":2`) {
		t.Errorf("signed GET answered %d %s", resp.StatusCode, resp.Body)
	}
	body = []byte(`{"name":"signed","channels":["y"],"data":"z"}`)
	q, err = c.SignedQuery(http.MethodPost, "/events", nil, body)
	if err != nil {
		t.Fatalf("SignedQuery POST: %v", err)
	}
	resp, err = d.Do(ctx, &transport.Request{Method: http.MethodPost, URL: srv.URL() + "/apps/1/events?" + q,
		Header: http.Header{"Content-Type": {"application/json"}}, Body: body})
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("signed POST: %v %v", resp, err)
	}
	if ev := lastEvent(t, srv); ev.Name != "signed" {
		t.Errorf("signed POST recorded %+v", ev)
	}
}

// hexSignature matches what an HMAC-SHA256 signature looks like.
var hexSignature = regexp.MustCompile(`[0-9a-fA-F]{64}`)

// wantAPIError asserts err is an *APIError with status and method and
// path, matching sentinel and no other status sentinel.
func wantAPIError(t *testing.T, err error, status int, method, path string, sentinel error) *pusher.APIError {
	t.Helper()
	var apiErr *pusher.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("error %v (%T) is not an *APIError", err, err)
	}
	if apiErr.StatusCode != status || apiErr.Method != method || apiErr.Path != path {
		t.Errorf("APIError status %d %s %s, want %d %s %s", apiErr.StatusCode, apiErr.Method, apiErr.Path, status, method, path)
	}
	all := []error{pusher.ErrBadRequest, pusher.ErrUnauthorized, pusher.ErrForbidden, pusher.ErrNotFound,
		pusher.ErrPayloadTooLarge, pusher.ErrRateLimited, pusher.ErrServerError}
	for _, s := range all {
		if got, want := errors.Is(err, s), s == sentinel; got != want {
			t.Errorf("errors.Is(err, %v) = %v, want %v", s, got, want)
		}
	}
	if msg := err.Error(); strings.Contains(msg, "auth_signature=") || hexSignature.MatchString(msg) {
		t.Errorf("error message holds a signature: %s", msg)
	}
	return apiErr
}

func suiteStatusErrors(t *testing.T, d transport.Doer) {
	srv := newFake(t)
	c := newFakeClient(t, srv, d)
	tests := []struct {
		status   int
		body     string
		sentinel error
	}{
		{400, "Invalid channel", pusher.ErrBadRequest},
		{401, "Invalid signature", pusher.ErrUnauthorized},
		{403, "App disabled", pusher.ErrForbidden},
		{404, "Not found", pusher.ErrNotFound},
		{413, "Payload too large", pusher.ErrPayloadTooLarge},
		{429, "Slow down", pusher.ErrRateLimited},
		{500, "Internal error", pusher.ErrServerError},
		{503, "Unavailable", pusher.ErrServerError},
	}
	for _, tt := range tests {
		t.Run(http.StatusText(tt.status), func(t *testing.T) {
			srv.QueueResponse(tt.status, tt.body)
			_, err := c.Trigger(context.Background(), "ch", "ev", "data")
			apiErr := wantAPIError(t, err, tt.status, http.MethodPost, "/apps/1/events", tt.sentinel)
			if apiErr.StatusCode != tt.status || apiErr.Body != tt.body {
				t.Errorf("StatusCode %d Body %q, want %d %q", apiErr.StatusCode, apiErr.Body, tt.status, tt.body)
			}
			if !strings.Contains(err.Error(), tt.body) || !strings.Contains(err.Error(), "POST /apps/1/events") {
				t.Errorf("message %q names neither the body nor the request", err)
			}
		})
	}
	// A GET maps the same way.
	srv.QueueResponse(404, "no such channel")
	_, err := c.Channel(context.Background(), "gone")
	wantAPIError(t, err, 404, http.MethodGet, "/apps/1/channels/gone", pusher.ErrNotFound)
}

// suiteFakeOwnErrors gets 400, 404 and 413 from the fake's own rules.
func suiteFakeOwnErrors(t *testing.T, d transport.Doer) {
	srv := newFake(t)
	c := newFakeClient(t, srv, d, pusher.WithLimits(pusher.Limits{MaxDataBytes: 1 << 20, MaxChannelsPerTrigger: 100, MaxEventsPerBatch: 10}))
	ctx := context.Background()

	_, err := c.Channel(ctx, "public", "user_count")
	wantAPIError(t, err, 400, http.MethodGet, "/apps/1/channels/public", pusher.ErrBadRequest)

	_, err = c.Get(ctx, "/no/such/endpoint", nil)
	wantAPIError(t, err, 404, http.MethodGet, "/apps/1/no/such/endpoint", pusher.ErrNotFound)

	_, err = c.Trigger(ctx, "ch", "ev", strings.Repeat("x", 10*1024+1))
	wantAPIError(t, err, 413, http.MethodPost, "/apps/1/events", pusher.ErrPayloadTooLarge)
}

func suiteWrongSecret(t *testing.T, d transport.Doer) {
	srv := newFake(t)
	const wrong = "not-the-secret-at-all"
	c, err := pusher.New(srv.App().ID, srv.App().Key, wrong, pusher.WithHost(srv.Host()), pusher.WithTLS(false), pusher.WithTransport(d))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Trigger(context.Background(), "ch", "ev", "data")
	apiErr := wantAPIError(t, err, 401, http.MethodPost, "/apps/1/events", pusher.ErrUnauthorized)
	if strings.Contains(err.Error(), wrong) || strings.Contains(apiErr.Body, wrong) {
		t.Errorf("error holds the secret: %s", err)
	}
	if len(srv.Events()) != 0 {
		t.Error("the fake accepted an event signed with the wrong secret")
	}
}

func suiteEmbeddedError(t *testing.T, d transport.Doer) {
	srv := newFake(t)
	c := newFakeClient(t, srv, d)
	srv.QueueResponse(200, `{"error":"Unauthorized","code":401}`)
	_, err := c.Trigger(context.Background(), "ch", "ev", "data")
	apiErr := wantAPIError(t, err, 401, http.MethodPost, "/apps/1/events", pusher.ErrUnauthorized)
	if apiErr.StatusCode != 401 || apiErr.HTTPStatus != 200 {
		t.Errorf("StatusCode %d HTTPStatus %d, want 401 and 200", apiErr.StatusCode, apiErr.HTTPStatus)
	}
	srv.QueueResponse(200, `{"error":"app over quota","code":403}`)
	_, err = c.Channels(context.Background(), pusher.ChannelsOptions{})
	wantAPIError(t, err, 403, http.MethodGet, "/apps/1/channels", pusher.ErrForbidden)
}

func suiteMalformed(t *testing.T, d transport.Doer) {
	srv := newFake(t)
	c := newFakeClient(t, srv, d)
	ctx := context.Background()
	calls := []struct {
		name string
		call func() error
	}{
		{"trigger with info", func() error {
			_, err := c.Trigger(ctx, "ch", "ev", "x", pusher.WithInfo("subscription_count"))
			return err
		}},
		{"batch with info", func() error {
			_, err := c.TriggerBatch(ctx, []pusher.Event{{Channel: "ch", Name: "ev", Data: "x", Info: []string{"subscription_count"}}})
			return err
		}},
		{"channels", func() error { _, err := c.Channels(ctx, pusher.ChannelsOptions{}); return err }},
		{"channel", func() error { _, err := c.Channel(ctx, "ch"); return err }},
		{"users", func() error { _, err := c.Users(ctx, "presence-x"); return err }},
	}
	for _, tt := range calls {
		t.Run(tt.name, func(t *testing.T) {
			srv.QueueResponse(200, "<html>proxy says hi</html>")
			err := tt.call()
			if !errors.Is(err, pusher.ErrMalformedResponse) {
				t.Errorf("err = %v, want ErrMalformedResponse", err)
			}
		})
	}
	// Without info the answer's body is not needed: success.
	srv.QueueResponse(200, "<html>proxy says hi</html>")
	if _, err := c.Trigger(ctx, "ch", "ev", "x"); err != nil {
		t.Errorf("Trigger without info on a non-JSON 200: %v", err)
	}
}

func suiteNetworkError(t *testing.T, d transport.Doer) {
	srv := pushertest.NewServer()
	c := newFakeClient(t, srv, d)
	srv.Close()
	_, err := c.Trigger(context.Background(), "ch", "ev", "x")
	var te *pusher.TransportError
	if !errors.As(err, &te) {
		t.Fatalf("err = %v (%T), want *TransportError", err, err)
	}
	if te.Method != http.MethodPost || te.Path != "/apps/1/events" || te.Err == nil {
		t.Errorf("TransportError = %+v", te)
	}
	if !errors.Is(err, syscall.ECONNREFUSED) {
		t.Errorf("err = %v, want it to keep ECONNREFUSED", err)
	}
	var apiErr *pusher.APIError
	if errors.As(err, &apiErr) {
		t.Error("a network error is an APIError")
	}
	if strings.Contains(err.Error(), "auth_signature") {
		t.Errorf("message holds the signed query: %s", err)
	}
}

// hangingServer answers nothing until the client gives up or the test ends.
func hangingServer(t *testing.T) (host string, started <-chan struct{}) {
	t.Helper()
	release := make(chan struct{})
	ch := make(chan struct{}, 16)
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ch <- struct{}{}
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	t.Cleanup(hs.Close)
	t.Cleanup(func() { close(release) })
	return strings.TrimPrefix(hs.URL, "http://"), ch
}

func suiteCancelled(t *testing.T, d transport.Doer) {
	srv := newFake(t)
	c := newFakeClient(t, srv, d)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := c.Trigger(ctx, "ch", "ev", "x")
	if !errors.Is(err, context.Canceled) {
		t.Errorf("already cancelled: err = %v, want context.Canceled", err)
	}
	if n := len(srv.Events()); n != 0 {
		t.Errorf("%d events accepted on a cancelled context", n)
	}

	// Cancelled while the request is in flight.
	host, started := hangingServer(t)
	c2, err := pusher.New("1", "k", "s", pusher.WithHost(host), pusher.WithTLS(false), pusher.WithTransport(d))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel = context.WithCancel(context.Background())
	go func() { <-started; cancel() }()
	_, err = c2.Channels(ctx, pusher.ChannelsOptions{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled in flight: err = %v, want context.Canceled", err)
	}
}

func suiteTimeouts(t *testing.T, d transport.Doer) {
	host, _ := hangingServer(t)
	newClient := func(timeout time.Duration) *pusher.Client {
		c, err := pusher.New("1", "k", "s", pusher.WithHost(host), pusher.WithTLS(false), pusher.WithTransport(d), pusher.WithTimeout(timeout))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	t.Run("client timeout first", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		_, err := newClient(50*time.Millisecond).Trigger(ctx, "ch", "ev", "x")
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("err = %v, want context.DeadlineExceeded", err)
		}
		if ctx.Err() != nil {
			t.Error("the caller's context ended: the client timeout did not fire first")
		}
	})
	t.Run("ctx deadline first", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		_, err := newClient(time.Minute).Trigger(ctx, "ch", "ev", "x")
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("err = %v, want context.DeadlineExceeded", err)
		}
		if ctx.Err() == nil {
			t.Error("returned before the caller's deadline")
		}
	})
}
