package domain_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/go-pusher/channels/domain"
)

func TestWebhookDataUnmarshalJSON(t *testing.T) {
	tests := []struct {
		name string
		json string
		want domain.WebhookData
	}{
		{"string", `{"data":"hello"}`, "hello"},
		{"empty string", `{"data":""}`, ""},
		{"string holding JSON", `{"data":"{\"typing\":true}"}`, `{"typing":true}`},
		{"string with escapes", `{"data":"a\nb\u00e9\"c"}`, "a\nbé\"c"},
		{"object", `{"data":{"typing":true}}`, `{"typing":true}`},
		{"object keeps its own spacing", `{"data": {"a": 1, "b": [2]} }`, `{"a": 1, "b": [2]}`},
		{"array", `{"data":[1,"two",null]}`, `[1,"two",null]`},
		{"integer", `{"data":42}`, `42`},
		{"float", `{"data":-1.5e3}`, `-1.5e3`},
		{"true", `{"data":true}`, `true`},
		{"null", `{"data":null}`, ""},
		{"absent", `{}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got struct {
				Data domain.WebhookData `json:"data"`
			}
			if err := json.Unmarshal([]byte(tt.json), &got); err != nil {
				t.Fatalf("json.Unmarshal(%s): %v", tt.json, err)
			}
			if got.Data != tt.want {
				t.Errorf("Data = %q, want %q", got.Data, tt.want)
			}
		})
	}
}

func TestWebhookDataUnmarshalJSONDirect(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    domain.WebhookData
		wantErr bool
	}{
		{"padded string", "  \"x\"\n", "x", false},
		{"padded null", " null ", "", false},
		{"padded number", " 7 ", "7", false},
		{"unterminated string", `"abc`, "", true},
		{"bad escape", `"\q"`, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d domain.WebhookData
			err := d.UnmarshalJSON([]byte(tt.in))
			if tt.wantErr {
				if err == nil {
					t.Fatalf("UnmarshalJSON(%q) = nil error, got %q", tt.in, d)
				}
				return
			}
			if err != nil {
				t.Fatalf("UnmarshalJSON(%q): %v", tt.in, err)
			}
			if d != tt.want {
				t.Errorf("UnmarshalJSON(%q) = %q, want %q", tt.in, d, tt.want)
			}
		})
	}
}

func TestWebhookUnmarshalEveryEvent(t *testing.T) {
	const body = `{
  "time_ms": 1700000000123,
  "events": [
    {"name": "channel_occupied", "channel": "private-room"},
    {"name": "channel_vacated", "channel": "private-room"},
    {"name": "member_added", "channel": "presence-room", "user_id": "10"},
    {"name": "member_removed", "channel": "presence-room", "user_id": "10"},
    {"name": "client_event", "channel": "presence-room", "event": "client-typing",
     "data": "{\"typing\":true}", "socket_id": "123.456", "user_id": "10"},
    {"name": "client_event", "channel": "private-chat", "event": "client-move",
     "data": {"x": 1}, "socket_id": "7.8"},
    {"name": "subscription_count", "channel": "my-channel", "subscription_count": 5},
    {"name": "subscription_count", "channel": "my-channel", "subscription_count": 0},
    {"name": "cache_miss", "channel": "cache-prices"},
    {"name": "some_future_event", "channel": "x", "extra": {"ignored": true}}
  ]
}`
	five, zero := 5, 0
	want := domain.Webhook{
		TimeMs: 1700000000123,
		Events: []domain.WebhookEvent{
			{Name: domain.WebhookChannelOccupied, Channel: "private-room"},
			{Name: domain.WebhookChannelVacated, Channel: "private-room"},
			{Name: domain.WebhookMemberAdded, Channel: "presence-room", UserID: "10"},
			{Name: domain.WebhookMemberRemoved, Channel: "presence-room", UserID: "10"},
			{Name: domain.WebhookClientEvent, Channel: "presence-room", Event: "client-typing",
				Data: `{"typing":true}`, SocketID: "123.456", UserID: "10"},
			{Name: domain.WebhookClientEvent, Channel: "private-chat", Event: "client-move",
				Data: `{"x": 1}`, SocketID: "7.8"},
			{Name: domain.WebhookSubscriptionCount, Channel: "my-channel", SubscriptionCount: &five},
			{Name: domain.WebhookSubscriptionCount, Channel: "my-channel", SubscriptionCount: &zero},
			{Name: domain.WebhookCacheMiss, Channel: "cache-prices"},
			{Name: "some_future_event", Channel: "x"},
		},
	}
	var got domain.Webhook
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatalf("json.Unmarshal: %v", err)
	}
	if got.TimeMs != want.TimeMs {
		t.Errorf("TimeMs = %d, want %d", got.TimeMs, want.TimeMs)
	}
	if len(got.Events) != len(want.Events) {
		t.Fatalf("got %d events, want %d", len(got.Events), len(want.Events))
	}
	for i := range want.Events {
		if !reflect.DeepEqual(got.Events[i], want.Events[i]) {
			t.Errorf("event %d = %+v\nwant       %+v", i, got.Events[i], want.Events[i])
		}
	}
	// A subscription count of zero is present, not absent.
	if got.Events[7].SubscriptionCount == nil {
		t.Error("subscription_count 0 decoded as absent")
	}
	if got.Events[0].SubscriptionCount != nil {
		t.Error("subscription_count absent decoded as present")
	}
}

func TestWebhookEventNames(t *testing.T) {
	names := map[string]string{
		domain.WebhookChannelOccupied:   "channel_occupied",
		domain.WebhookChannelVacated:    "channel_vacated",
		domain.WebhookMemberAdded:       "member_added",
		domain.WebhookMemberRemoved:     "member_removed",
		domain.WebhookClientEvent:       "client_event",
		domain.WebhookSubscriptionCount: "subscription_count",
		domain.WebhookCacheMiss:         "cache_miss",
	}
	for got, want := range names {
		if got != want {
			t.Errorf("constant %q, want %q", got, want)
		}
	}
}

func TestWebhookUnmarshalRejectsWrongTypes(t *testing.T) {
	for _, body := range []string{
		`{"time_ms":"soon","events":[]}`,
		`{"time_ms":1,"events":{}}`,
		`{"time_ms":1,"events":[{"name":1}]}`,
		`{"time_ms":1,"events":[{"name":"subscription_count","subscription_count":"5"}]}`,
	} {
		var w domain.Webhook
		if err := json.Unmarshal([]byte(body), &w); err == nil {
			t.Errorf("json.Unmarshal(%s) = nil error, want a type error", body)
		}
	}
}

func TestChannelAttributesJSON(t *testing.T) {
	var a domain.ChannelAttributes
	if err := json.Unmarshal([]byte(`{"occupied":true,"user_count":3}`), &a); err != nil {
		t.Fatalf("json.Unmarshal: %v", err)
	}
	if !a.Occupied {
		t.Error("Occupied = false, want true")
	}
	if a.UserCount == nil || *a.UserCount != 3 {
		t.Errorf("UserCount = %v, want 3", a.UserCount)
	}
	if a.SubscriptionCount != nil {
		t.Errorf("SubscriptionCount = %d, want nil (not asked for)", *a.SubscriptionCount)
	}

	zero := 0
	out, err := json.Marshal(domain.ChannelAttributes{SubscriptionCount: &zero})
	if err != nil {
		t.Fatalf("json.Marshal: %v", err)
	}
	if want := `{"subscription_count":0}`; string(out) != want {
		t.Errorf("json.Marshal = %s, want %s", out, want)
	}
}
