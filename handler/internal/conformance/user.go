package conformance

import (
	"errors"
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/go-pusher/channels/handler"
	"github.com/go-pusher/channels/pusher"
)

// RunUserAuthenticator runs every user authentication case.
func RunUserAuthenticator(t *testing.T, a Adapter) {
	t.Run("sign in", func(t *testing.T) { userSignIn(t, a) })
	t.Run("refusals", func(t *testing.T) { userRefusals(t, a) })
	t.Run("bad requests", func(t *testing.T) { userBadRequests(t, a) })
}

func userSignIn(t *testing.T, a Adapter) {
	var seen handler.UserRequest
	srv := mustBuild(t)(a.UserAuthenticator(NewClient(t), func(req handler.UserRequest) (pusher.User, error) {
		seen = req
		return pusher.User{ID: "10", UserInfo: map[string]string{"name": "Ann"}, Watchlist: []string{"2", "3"}}, nil
	}))
	// pusher-js sends only socket_id; a channel_name here is just a param.
	got := srv(post(Form("socket_id", Socket, "channel_name", "x")))
	userData := `{"id":"10","user_info":{"name":"Ann"},"watchlist":["2","3"]}`
	want := `{"auth":"` + AuthValue(Socket+"::user::"+userData) +
		`","user_data":"{\"id\":\"10\",\"user_info\":{\"name\":\"Ann\"},\"watchlist\":[\"2\",\"3\"]}"}`
	wantJSON(t, got, want)
	if seen.SocketID != Socket || seen.Params.Get("channel_name") != "x" || len(seen.Params) != 1 {
		t.Errorf("callback saw %+v", seen)
	}

	// The smallest user: an id only.
	srv = mustBuild(t)(a.UserAuthenticator(NewClient(t), func(handler.UserRequest) (pusher.User, error) {
		return pusher.User{ID: "10"}, nil
	}))
	got = srv(Request{Method: http.MethodPost, ContentType: "application/json", Body: []byte(`{"socket_id":"` + Socket + `"}`)})
	wantJSON(t, got, `{"auth":"`+AuthValue(Socket+`::user::{"id":"10"}`)+`","user_data":"{\"id\":\"10\"}"}`)
}

func userRefusals(t *testing.T, a Adapter) {
	cases := []struct {
		name   string
		user   pusher.User
		err    error
		status int
	}{
		{"unauthenticated", pusher.User{}, fmt.Errorf("no session: %w", handler.ErrUnauthenticated), http.StatusUnauthorized},
		{"forbidden", pusher.User{ID: "10"}, handler.ErrForbidden, http.StatusForbidden},
		{"failure", pusher.User{}, errors.New("database down"), http.StatusInternalServerError},
		{"empty user id", pusher.User{}, nil, http.StatusInternalServerError},
		{"bad watchlist id", pusher.User{ID: "10", Watchlist: []string{"bad id"}}, nil, http.StatusInternalServerError},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := mustBuild(t)(a.UserAuthenticator(NewClient(t), func(handler.UserRequest) (pusher.User, error) {
				return tc.user, tc.err
			}))
			got := srv(post(Form("socket_id", Socket)))
			wantText(t, got, tc.status, "session", "database", "bad id", Key+":")
		})
	}
}

func userBadRequests(t *testing.T, a Adapter) {
	var calls atomic.Int32
	srv := mustBuild(t)(a.UserAuthenticator(NewClient(t), func(handler.UserRequest) (pusher.User, error) {
		calls.Add(1)
		return pusher.User{ID: "1"}, nil
	}))
	for _, tc := range authBadRequests(false) {
		t.Run(tc.name, func(t *testing.T) {
			wantText(t, srv(tc.req), tc.status, "evil", "script")
		})
	}
	if calls.Load() != 0 {
		t.Errorf("callback called %d times for refused requests", calls.Load())
	}
}
