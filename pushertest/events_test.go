package pushertest_test

import (
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/pushertest"
)

func TestTrigger(t *testing.T) {
	srv := newServer(t)
	mustSubscribe(t, srv, "presence-room", "1.1", &pusher.Member{UserID: "u1"})
	mustSubscribe(t, srv, "presence-room", "1.2", &pusher.Member{UserID: "u1"})
	mustSubscribe(t, srv, "presence-room", "1.3", &pusher.Member{UserID: "u2"})
	mustSubscribe(t, srv, "news", "2.1", nil)

	tests := []struct {
		name       string
		body       string
		wantBody   string
		wantEvents []pushertest.Event
	}{
		{
			name:     "one channel",
			body:     `{"name":"e1","channel":"news","data":"{\"a\":1}"}`,
			wantBody: `{}`,
			wantEvents: []pushertest.Event{
				{Channel: "news", Name: "e1", Data: `{"a":1}`},
			},
		},
		{
			name:     "channels and excluded socket",
			body:     `{"name":"e2","channels":["a","b"],"data":"x","socket_id":"123.456"}`,
			wantBody: `{}`,
			wantEvents: []pushertest.Event{
				{Channel: "a", Name: "e2", Data: "x", SocketID: "123.456"},
				{Channel: "b", Name: "e2", Data: "x", SocketID: "123.456"},
			},
		},
		{
			name:     "info: user_count only for presence",
			body:     `{"name":"e3","channels":["presence-room","news","empty"],"data":"","info":"user_count,subscription_count"}`,
			wantBody: `{"channels":{"presence-room":{"user_count":2,"subscription_count":3},"news":{"subscription_count":1},"empty":{"subscription_count":0}}}`,
			wantEvents: []pushertest.Event{
				{Channel: "presence-room", Name: "e3"}, {Channel: "news", Name: "e3"}, {Channel: "empty", Name: "e3"},
			},
		},
		{
			name:       "send to user channel",
			body:       `{"name":"e4","channel":"#server-to-user-u1","data":"hi"}`,
			wantBody:   `{}`,
			wantEvents: []pushertest.Event{{Channel: "#server-to-user-u1", Name: "e4", Data: "hi"}},
		},
		{
			name:       "odd channel characters",
			body:       `{"name":"e5","channel":"private-azAZ09_=@,.;-","data":"d"}`,
			wantBody:   `{}`,
			wantEvents: []pushertest.Event{{Channel: "private-azAZ09_=@,.;-", Name: "e5", Data: "d"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(srv.Events())
			status, body := send(t, srv, call{method: "POST", path: "/apps/1/events", body: tt.body})
			if status != http.StatusOK {
				t.Fatalf("status %d: %s", status, body)
			}
			jsonEq(t, body, tt.wantBody)
			if got := srv.Events()[before:]; !reflect.DeepEqual(got, tt.wantEvents) {
				t.Fatalf("events %+v\nwant %+v", got, tt.wantEvents)
			}
		})
	}
}

func TestTriggerBatch(t *testing.T) {
	srv := newServer(t)
	mustSubscribe(t, srv, "presence-a", "1.1", &pusher.Member{UserID: "u1"})
	mustSubscribe(t, srv, "b", "1.2", nil)

	status, body := send(t, srv, call{method: "POST", path: "/apps/1/batch_events",
		body: `{"batch":[{"channel":"b","name":"x","data":"1"},{"channel":"c","name":"y","data":"2","socket_id":"9.9"}]}`})
	if status != http.StatusOK {
		t.Fatalf("status %d: %s", status, body)
	}
	jsonEq(t, body, `{}`)

	status, body = send(t, srv, call{method: "POST", path: "/apps/1/batch_events",
		body: `{"batch":[{"channel":"presence-a","name":"x","data":"1","info":"user_count,subscription_count"},{"channel":"b","name":"y","data":"2"},{"channel":"b","name":"z","data":"3","info":"subscription_count,user_count"}]}`})
	if status != http.StatusOK {
		t.Fatalf("status %d: %s", status, body)
	}
	jsonEq(t, body, `{"batch":[{"user_count":1,"subscription_count":1},{},{"subscription_count":1}]}`)

	want := []pushertest.Event{
		{Channel: "b", Name: "x", Data: "1"},
		{Channel: "c", Name: "y", Data: "2", SocketID: "9.9"},
		{Channel: "presence-a", Name: "x", Data: "1"},
		{Channel: "b", Name: "y", Data: "2"},
		{Channel: "b", Name: "z", Data: "3"},
	}
	if got := srv.Events(); !reflect.DeepEqual(got, want) {
		t.Fatalf("events %+v\nwant %+v", got, want)
	}
}

func TestEventValidation(t *testing.T) {
	srv := newServer(t)
	okData := strings.Repeat("x", pusher.DefaultLimits().MaxDataBytes)
	channels := func(n int) string {
		names := make([]string, n)
		for i := range names {
			names[i] = fmt.Sprintf("%q", fmt.Sprintf("c%d", i))
		}
		return "[" + strings.Join(names, ",") + "]"
	}
	batch := func(n int) string {
		evs := make([]string, n)
		for i := range evs {
			evs[i] = `{"channel":"c","name":"e","data":"d"}`
		}
		return `{"batch":[` + strings.Join(evs, ",") + `]}`
	}
	tests := []struct {
		name        string
		path        string
		body        string
		contentType string
		wantStatus  int
		wantMsg     string
	}{
		{"data at the limit", "/apps/1/events", `{"name":"e","channel":"c","data":"` + okData + `"}`, "", 200, ""},
		{"data over the limit", "/apps/1/events", `{"name":"e","channel":"c","data":"` + okData + `x"}`, "", 413, "Event data too large"},
		{"multi-byte data counted in bytes", "/apps/1/events", `{"name":"e","channel":"c","data":"` + strings.Repeat("é", pusher.DefaultLimits().MaxDataBytes/2) + `x"}`, "", 413, "too large"},
		{"100 channels", "/apps/1/events", `{"name":"e","channels":` + channels(100) + `,"data":"d"}`, "", 200, ""},
		{"101 channels", "/apps/1/events", `{"name":"e","channels":` + channels(101) + `,"data":"d"}`, "", 400, "Too many channels"},
		{"no channel", "/apps/1/events", `{"name":"e","data":"d"}`, "", 400, "Missing channels"},
		{"empty channels", "/apps/1/events", `{"name":"e","channels":[],"data":"d"}`, "", 400, "Missing channels"},
		{"channel and channels", "/apps/1/events", `{"name":"e","channel":"a","channels":["b"],"data":"d"}`, "", 400, "not both"},
		{"bad channel name", "/apps/1/events", `{"name":"e","channel":"a b","data":"d"}`, "", 400, "Invalid channel"},
		{"channel name 201 long", "/apps/1/events", `{"name":"e","channel":"` + strings.Repeat("c", 201) + `","data":"d"}`, "", 400, "Invalid channel"},
		{"bad JSON", "/apps/1/events", `{"name":`, "", 400, "Invalid JSON"},
		{"data not a string", "/apps/1/events", `{"name":"e","channel":"c","data":{"a":1}}`, "", 400, "Invalid JSON"},
		{"missing data", "/apps/1/events", `{"name":"e","channel":"c"}`, "", 400, "Missing data"},
		{"event name 200 long", "/apps/1/events", `{"name":"` + strings.Repeat("n", 200) + `","channel":"c","data":"d"}`, "", 200, ""},
		{"event name 201 long", "/apps/1/events", `{"name":"` + strings.Repeat("n", 201) + `","channel":"c","data":"d"}`, "", 400, "event name"},
		{"empty event name", "/apps/1/events", `{"name":"","channel":"c","data":"d"}`, "", 400, "event name"},
		{"invalid socket_id", "/apps/1/events", `{"name":"e","channel":"c","data":"d","socket_id":"12.x"}`, "", 400, "invalid socket_id"},
		{"socket_id without dot", "/apps/1/events", `{"name":"e","channel":"c","data":"d","socket_id":"123"}`, "", 400, "invalid socket_id"},
		{"unknown info attribute", "/apps/1/events", `{"name":"e","channel":"c","data":"d","info":"bogus"}`, "", 400, "unsupported info attribute"},
		{"not JSON content type", "/apps/1/events", `{"name":"e","channel":"c","data":"d"}`, "text/plain", 400, "Content-Type"},
		{"10 batch events", "/apps/1/batch_events", batch(10), "", 200, ""},
		{"11 batch events", "/apps/1/batch_events", batch(11), "", 400, "Batch too large"},
		{"empty batch", "/apps/1/batch_events", `{"batch":[]}`, "", 400, "at least one"},
		{"batch bad JSON", "/apps/1/batch_events", `[1,2]`, "", 400, "Invalid JSON"},
		{"batch event data too large", "/apps/1/batch_events", `{"batch":[{"channel":"c","name":"e","data":"d"},{"channel":"c","name":"e","data":"` + okData + `x"}]}`, "", 413, "batch[1]: Event data too large"},
		{"batch event bad channel", "/apps/1/batch_events", `{"batch":[{"channel":"","name":"e","data":"d"}]}`, "", 400, "batch[0]: Invalid channel"},
		{"batch event bad socket", "/apps/1/batch_events", `{"batch":[{"channel":"c","name":"e","data":"d","socket_id":"a.b"}]}`, "", 400, "batch[0]: invalid socket_id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(srv.Events())
			status, body := send(t, srv, call{method: "POST", path: tt.path, body: tt.body, contentType: tt.contentType})
			if status != tt.wantStatus {
				t.Fatalf("status %d, want %d; body %q", status, tt.wantStatus, body)
			}
			if !strings.Contains(body, tt.wantMsg) {
				t.Fatalf("body %q does not mention %q", body, tt.wantMsg)
			}
			if status != 200 && len(srv.Events()) != before {
				t.Fatal("a rejected request recorded events")
			}
		})
	}
}

func TestWithLimits(t *testing.T) {
	srv := newServer(t, pushertest.WithLimits(pusher.Limits{MaxDataBytes: 4, MaxChannelsPerTrigger: 2, MaxEventsPerBatch: 1}))
	tests := []struct {
		path, body string
		want       int
	}{
		{"/apps/1/events", `{"name":"e","channel":"c","data":"1234"}`, 200},
		{"/apps/1/events", `{"name":"e","channel":"c","data":"12345"}`, 413},
		{"/apps/1/events", `{"name":"e","channels":["a","b"],"data":"1"}`, 200},
		{"/apps/1/events", `{"name":"e","channels":["a","b","c"],"data":"1"}`, 400},
		{"/apps/1/batch_events", `{"batch":[{"channel":"c","name":"e","data":"d"}]}`, 200},
		{"/apps/1/batch_events", `{"batch":[{"channel":"c","name":"e","data":"d"},{"channel":"c","name":"e","data":"d"}]}`, 400},
	}
	for _, tt := range tests {
		if status, body := send(t, srv, call{method: "POST", path: tt.path, body: tt.body}); status != tt.want {
			t.Errorf("%s %s: status %d, want %d (%s)", tt.path, tt.body, status, tt.want, body)
		}
	}
}
