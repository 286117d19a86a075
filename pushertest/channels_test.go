package pushertest_test

import (
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/pushertest"
	"github.com/go-pusher/channels/signing"
)

func occupiedServer(t *testing.T) *pushertest.Server {
	srv := newServer(t)
	mustSubscribe(t, srv, "presence-room", "1.1", &pusher.Member{UserID: "u1"})
	mustSubscribe(t, srv, "presence-room", "1.2", &pusher.Member{UserID: "u1"})
	mustSubscribe(t, srv, "presence-room", "1.3", &pusher.Member{UserID: "u2", UserInfo: map[string]string{"name": "Ada"}})
	mustSubscribe(t, srv, "presence-a=b@c;d,e.f", "1.4", &pusher.Member{UserID: "u3"})
	mustSubscribe(t, srv, "private-x", "1.1", nil)
	mustSubscribe(t, srv, "news", "2.1", nil)
	mustSubscribe(t, srv, "news", "2.2", nil)
	return srv
}

func TestGETEndpoints(t *testing.T) {
	srv := occupiedServer(t)
	tests := []struct {
		name       string
		path       string
		params     []signing.Param
		wantStatus int
		want       string // JSON, or a substring of the error text
	}{
		{"all channels", "/apps/1/channels", nil, 200,
			`{"channels":{"news":{},"presence-a=b@c;d,e.f":{},"presence-room":{},"private-x":{}}}`},
		{"by prefix", "/apps/1/channels", []signing.Param{{Key: "filter_by_prefix", Value: "pr"}}, 200,
			`{"channels":{"presence-a=b@c;d,e.f":{},"presence-room":{},"private-x":{}}}`},
		{"presence with user_count", "/apps/1/channels", []signing.Param{{Key: "filter_by_prefix", Value: "presence-"}, {Key: "info", Value: "user_count"}}, 200,
			`{"channels":{"presence-a=b@c;d,e.f":{"user_count":1},"presence-room":{"user_count":2}}}`},
		{"odd prefix", "/apps/1/channels", []signing.Param{{Key: "filter_by_prefix", Value: "presence-a=b@c;"}, {Key: "info", Value: "user_count"}}, 200,
			`{"channels":{"presence-a=b@c;d,e.f":{"user_count":1}}}`},
		{"no match", "/apps/1/channels", []signing.Param{{Key: "filter_by_prefix", Value: "zzz"}}, 200, `{"channels":{}}`},
		{"user_count without presence prefix", "/apps/1/channels", []signing.Param{{Key: "info", Value: "user_count"}}, 400, "only allowed with filter_by_prefix=presence-"},
		{"subscription_count on the list", "/apps/1/channels", []signing.Param{{Key: "info", Value: "subscription_count"}}, 400, "unsupported info attribute"},

		{"one channel, no info", "/apps/1/channels/news", nil, 200, `{"occupied":true}`},
		{"one channel, subscription_count", "/apps/1/channels/news", []signing.Param{{Key: "info", Value: "subscription_count"}}, 200, `{"occupied":true,"subscription_count":2}`},
		{"presence, both counts", "/apps/1/channels/presence-room", []signing.Param{{Key: "info", Value: "user_count,subscription_count"}}, 200, `{"occupied":true,"user_count":2,"subscription_count":3}`},
		{"odd name in path", "/apps/1/channels/presence-a=b@c;d,e.f", []signing.Param{{Key: "info", Value: "user_count"}}, 200, `{"occupied":true,"user_count":1}`},
		{"unoccupied", "/apps/1/channels/nobody-here", []signing.Param{{Key: "info", Value: "subscription_count"}}, 200, `{"occupied":false,"subscription_count":0}`},
		{"user_count on a public channel", "/apps/1/channels/news", []signing.Param{{Key: "info", Value: "user_count"}}, 400, "only available for presence"},
		{"unknown attribute", "/apps/1/channels/news", []signing.Param{{Key: "info", Value: "nope"}}, 400, "unsupported info attribute"},
		{"invalid name in path", "/apps/1/channels/bad%20name", nil, 400, "Invalid channel"},

		{"users", "/apps/1/channels/presence-room/users", nil, 200, `{"users":[{"id":"u1"},{"id":"u2"}]}`},
		{"users, odd name", "/apps/1/channels/presence-a=b@c;d,e.f/users", nil, 200, `{"users":[{"id":"u3"}]}`},
		{"users, empty presence channel", "/apps/1/channels/presence-empty/users", nil, 200, `{"users":[]}`},
		{"users of a non-presence channel", "/apps/1/channels/private-x/users", nil, 400, "only be retrieved for presence"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := send(t, srv, call{method: "GET", path: tt.path, params: tt.params})
			if status != tt.wantStatus {
				t.Fatalf("status %d, want %d; body %q", status, tt.wantStatus, body)
			}
			if status == 200 {
				jsonEq(t, body, tt.want)
			} else if !strings.Contains(body, tt.want) {
				t.Fatalf("body %q does not mention %q", body, tt.want)
			}
		})
	}
}

func TestTerminateUserConnections(t *testing.T) {
	srv := occupiedServer(t)
	// Socket 1.1 is u1 on presence-room and also on private-x.
	status, body := send(t, srv, call{method: "POST", path: "/apps/1/users/u1/terminate_connections", body: "{}"})
	if status != http.StatusOK {
		t.Fatalf("status %d: %s", status, body)
	}
	jsonEq(t, body, `{}`)

	status, body = send(t, srv, call{method: "GET", path: "/apps/1/channels", params: []signing.Param{{Key: "filter_by_prefix", Value: "presence-"}, {Key: "info", Value: "user_count"}}})
	mustJSON(t, status, body, new(any))
	jsonEq(t, body, `{"channels":{"presence-a=b@c;d,e.f":{"user_count":1},"presence-room":{"user_count":1}}}`)

	status, body = send(t, srv, call{method: "GET", path: "/apps/1/channels/private-x"})
	mustJSON(t, status, body, new(any))
	jsonEq(t, body, `{"occupied":false}`)

	// Without a body, and for a user id that needs escaping in the path.
	status, body = send(t, srv, call{method: "POST", path: "/apps/1/users/a%20b/terminate_connections"})
	if status != http.StatusOK {
		t.Fatalf("status %d: %s", status, body)
	}
	if got, want := srv.TerminatedUsers(), []string{"u1", "a b"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("TerminatedUsers = %q, want %q", got, want)
	}
}

func TestSubscribeErrors(t *testing.T) {
	srv := newServer(t)
	tests := []struct {
		name, channel, socket string
		m                     *pusher.Member
	}{
		{"presence without member", "presence-x", "1.1", nil},
		{"member without id", "private-x", "1.1", &pusher.Member{}},
		{"bad socket id", "news", "11", nil},
		{"bad channel", "bad channel", "1.1", nil},
	}
	for _, tt := range tests {
		if err := srv.Subscribe(tt.channel, tt.socket, tt.m); err == nil {
			t.Errorf("%s: Subscribe accepted it", tt.name)
		}
	}
	mustSubscribe(t, srv, "news", "1.1", nil)
	srv.Unsubscribe("news", "1.1")
	srv.Unsubscribe("news", "9.9") // unknown: ignored
	status, body := send(t, srv, call{method: "GET", path: "/apps/1/channels"})
	mustJSON(t, status, body, new(any))
	jsonEq(t, body, `{"channels":{}}`)
}
