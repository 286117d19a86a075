package handlertest

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/go-pusher/channels/domain"
	"github.com/go-pusher/channels/handler"
	"github.com/go-pusher/channels/pusher"
)

// Socket is the socket id of the suite's requests.
const Socket = "123.456"

// allowAs is a callback that allows every request, as member on presence
// channels, and counts its calls.
func allowAs(member *pusher.Member, calls *atomic.Int32) func(handler.ChannelRequest) (*pusher.Member, error) {
	return func(handler.ChannelRequest) (*pusher.Member, error) {
		calls.Add(1)
		return member, nil
	}
}

// runChannelAuthorizer runs every channel authorization case.
func runChannelAuthorizer(t *testing.T, a adapter) {
	t.Run("private", func(t *testing.T) { channelPrivate(t, a) })
	t.Run("presence", func(t *testing.T) { channelPresence(t, a) })
	t.Run("encrypted", func(t *testing.T) { channelEncrypted(t, a) })
	t.Run("json body", func(t *testing.T) { channelJSONBody(t, a) })
	t.Run("refusals", func(t *testing.T) { channelRefusals(t, a) })
	t.Run("callback bugs", func(t *testing.T) { channelCallbackBugs(t, a) })
	t.Run("bad requests", func(t *testing.T) { channelBadRequests(t, a) })
	t.Run("body cap", func(t *testing.T) { channelBodyCap(t, a) })
}

func channelPrivate(t *testing.T, a adapter) {
	var seen handler.ChannelRequest
	srv := mustBuild(t)(a.ChannelAuthorizer(NewClient(t), func(req handler.ChannelRequest) (*pusher.Member, error) {
		seen = req
		return nil, nil
	}))
	for _, ct := range []string{FormType, FormType + "; charset=UTF-8"} {
		got := srv(Request{Method: http.MethodPost, ContentType: ct,
			Body: Form("socket_id", Socket, "channel_name", "private-room", "team", "blue")})
		wantJSON(t, got, `{"auth":"`+AuthValue(Socket+":private-room")+`"}`)
	}
	if seen.SocketID != Socket || seen.Channel != "private-room" || seen.IsPresence() || seen.IsEncrypted() {
		t.Errorf("callback saw %+v", seen)
	}
	if len(seen.Params) != 1 || seen.Params.Get("team") != "blue" {
		t.Errorf("callback saw params %v, want only team=blue", seen.Params)
	}

	// A member returned for a non-presence channel is ignored.
	srv = mustBuild(t)(a.ChannelAuthorizer(NewClient(t), func(handler.ChannelRequest) (*pusher.Member, error) {
		return &pusher.Member{UserID: "10"}, nil
	}))
	got := srv(post(Form("socket_id", Socket, "channel_name", "private-room")))
	wantJSON(t, got, `{"auth":"`+AuthValue(Socket+":private-room")+`"}`)
}

func channelPresence(t *testing.T, a adapter) {
	var presence bool
	srv := mustBuild(t)(a.ChannelAuthorizer(NewClient(t), func(req handler.ChannelRequest) (*pusher.Member, error) {
		presence = req.IsPresence() && !req.IsEncrypted()
		return &pusher.Member{UserID: "10", UserInfo: map[string]string{"name": "Ann <3"}}, nil
	}))
	got := srv(post(Form("socket_id", Socket, "channel_name", "presence-room")))
	// encoding/json escapes < as \u003c; the signature covers the same text.
	channelData := `{"user_id":"10","user_info":{"name":"Ann \u003c3"}}`
	want := `{"auth":"` + AuthValue(Socket+":presence-room:"+channelData) +
		`","channel_data":"{\"user_id\":\"10\",\"user_info\":{\"name\":\"Ann \\u003c3\"}}"}`
	wantJSON(t, got, want)
	if !presence {
		t.Error("IsPresence = false for a presence channel")
	}
}

func channelEncrypted(t *testing.T, a adapter) {
	const ch = "private-encrypted-room"
	var calls atomic.Int32
	srv := mustBuild(t)(a.ChannelAuthorizer(NewEncryptionClient(t), allowAs(nil, &calls)))
	got := srv(post(Form("socket_id", Socket, "channel_name", ch)))
	wantJSON(t, got, `{"auth":"`+AuthValue(Socket+":"+ch)+`","shared_secret":"`+SharedSecret(ch)+`"}`)

	// Without a master key the client cannot answer: a server-side failure.
	srv = mustBuild(t)(a.ChannelAuthorizer(NewClient(t), allowAs(nil, &calls)))
	got = srv(post(Form("socket_id", Socket, "channel_name", ch)))
	wantText(t, got, http.StatusInternalServerError, Secret)
}

func channelJSONBody(t *testing.T, a adapter) {
	var seen handler.ChannelRequest
	srv := mustBuild(t)(a.ChannelAuthorizer(NewClient(t), func(req handler.ChannelRequest) (*pusher.Member, error) {
		seen = req
		return nil, nil
	}))
	got := srv(Request{Method: http.MethodPost, ContentType: "application/json",
		Body: []byte(`{"socket_id":"` + Socket + `","channel_name":"private-room","team":"blue","n":5}`)})
	wantJSON(t, got, `{"auth":"`+AuthValue(Socket+":private-room")+`"}`)
	if seen.Params.Get("team") != "blue" || seen.Params.Get("n") != "5" || len(seen.Params) != 2 {
		t.Errorf("params = %v, want team=blue n=5", seen.Params)
	}
}

func channelRefusals(t *testing.T, a adapter) {
	cases := []struct {
		name   string
		err    error
		status int
	}{
		{"forbidden", handler.ErrDenied, http.StatusForbidden},
		{"wrapped forbidden", fmt.Errorf("user 7 banned from room: %w", handler.ErrDenied), http.StatusForbidden},
		{"unauthenticated", fmt.Errorf("no session cookie: %w", handler.ErrUnauthenticated), http.StatusUnauthorized},
		{"failure", errors.New("database down"), http.StatusInternalServerError},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := mustBuild(t)(a.ChannelAuthorizer(NewClient(t), func(handler.ChannelRequest) (*pusher.Member, error) {
				return &pusher.Member{UserID: "10"}, tc.err
			}))
			got := srv(post(Form("socket_id", Socket, "channel_name", "presence-room")))
			wantText(t, got, tc.status, "banned", "session", "database", Key+":")
		})
	}
}

func channelCallbackBugs(t *testing.T, a adapter) {
	cases := map[string]func(handler.ChannelRequest) (*pusher.Member, error){
		"presence without member":      func(handler.ChannelRequest) (*pusher.Member, error) { return nil, nil },
		"presence with invalid member": func(handler.ChannelRequest) (*pusher.Member, error) { return &pusher.Member{UserID: "bad id"}, nil },
		"panic":                        func(handler.ChannelRequest) (*pusher.Member, error) { panic("bad id") },
		"nil pointer error": func(handler.ChannelRequest) (*pusher.Member, error) {
			var err *PanickyError
			return &pusher.Member{UserID: "1"}, err
		},
	}
	for name, decide := range cases {
		t.Run(name, func(t *testing.T) {
			for _, opts := range [][]handler.Option{nil, {handler.WithLogger(DebugLogger(t))}} {
				srv := mustBuild(t)(a.ChannelAuthorizer(NewClient(t), decide, opts...))
				got := srv(post(Form("socket_id", Socket, "channel_name", "presence-room")))
				wantText(t, got, http.StatusInternalServerError, "bad id")
			}
		})
	}
}

// badRequest is a request refused before the callback is asked.
type badRequest struct {
	name   string
	req    Request
	status int
}

// multipartBody is a well-formed multipart/form-data body with boundary x
// (fasthttp's server parses one itself and refuses a malformed one with 400
// before any handler runs).
var multipartBody = []byte("--x\r\nContent-Disposition: form-data; name=\"socket_id\"\r\n\r\n" + Socket + "\r\n--x--\r\n")

// authBadRequests are the requests both auth endpoints refuse; withChannel
// adds a valid channel_name to bodies that do not break it.
func authBadRequests(withChannel bool) []badRequest {
	json := func(members string) string {
		if withChannel {
			members += `,"channel_name":"private-room"`
		}
		return "{" + members + "}"
	}
	form := func(kv ...string) []byte {
		if withChannel {
			kv = append(kv, "channel_name", "private-room")
		}
		return Form(kv...)
	}
	valid := form("socket_id", Socket)
	return []badRequest{
		{"GET", Request{Method: http.MethodGet}, http.StatusMethodNotAllowed},
		{"PUT", Request{Method: http.MethodPut, ContentType: FormType, Body: valid}, http.StatusMethodNotAllowed},
		{"no content type", Request{Method: http.MethodPost, Body: valid}, http.StatusUnsupportedMediaType},
		{"text/plain", Request{Method: http.MethodPost, ContentType: "text/plain", Body: valid}, http.StatusUnsupportedMediaType},
		{"multipart", Request{Method: http.MethodPost, ContentType: "multipart/form-data; boundary=x", Body: multipartBody}, http.StatusUnsupportedMediaType},
		{"malformed content type", Request{Method: http.MethodPost, ContentType: FormType + "; =x", Body: valid}, http.StatusUnsupportedMediaType},
		{"empty body", post(nil), http.StatusBadRequest},
		{"malformed form", post([]byte("socket_id=%zz&channel_name=private-a")), http.StatusBadRequest},
		{"missing socket_id", post(form("other", "1")), http.StatusBadRequest},
		{"repeated socket_id", post(form("socket_id", Socket, "socket_id", "1.2")), http.StatusBadRequest},
		{"socket_id not digits", post(form("socket_id", "evil<script>")), http.StatusBadRequest},
		{"socket_id two dots", post(form("socket_id", "1.2.3")), http.StatusBadRequest},
		{"socket_id empty", post(form("socket_id", "")), http.StatusBadRequest},
		{"json array", Request{Method: http.MethodPost, ContentType: "application/json", Body: []byte(`["` + Socket + `"]`)}, http.StatusBadRequest},
		{"json null", Request{Method: http.MethodPost, ContentType: "application/json", Body: []byte(`null`)}, http.StatusBadRequest},
		{"json truncated", Request{Method: http.MethodPost, ContentType: "application/json", Body: []byte(`{"socket_id":`)}, http.StatusBadRequest},
		{"json socket_id number", Request{Method: http.MethodPost, ContentType: "application/json", Body: []byte(`{"socket_id":123.456,"channel_name":"private-a"}`)}, http.StatusBadRequest},
		{"json repeated socket_id", jsonPost(json(`"socket_id":"1.2","socket_id":"` + Socket + `"`)), http.StatusBadRequest},
		{"json after the object", jsonPost(json(`"socket_id":"`+Socket+`"`) + `{}`), http.StatusBadRequest},
		{"too large declared", post(append(form("socket_id", Socket), make([]byte, handler.DefaultMaxAuthBodyBytes)...)), http.StatusRequestEntityTooLarge},
		{"too large chunked", Request{Method: http.MethodPost, ContentType: FormType, Chunked: true,
			Body: append(form("socket_id", Socket, "pad", ""), strings.Repeat("x", handler.DefaultMaxAuthBodyBytes)...)}, http.StatusRequestEntityTooLarge},
	}
}

// channelOnlyBadRequests are refused by the channel endpoint only.
func channelOnlyBadRequests() []badRequest {
	long := "private-" + strings.Repeat("a", domain.MaxChannelNameLength)
	return []badRequest{
		{"missing channel_name", post(Form("socket_id", Socket)), http.StatusBadRequest},
		{"repeated channel_name", post(Form("socket_id", Socket, "channel_name", "private-a", "channel_name", "private-b")), http.StatusBadRequest},
		{"channel_name bad character", post(Form("socket_id", Socket, "channel_name", "private-a b")), http.StatusBadRequest},
		{"channel_name too long", post(Form("socket_id", Socket, "channel_name", long)), http.StatusBadRequest},
		{"public channel", post(Form("socket_id", Socket, "channel_name", "room")), http.StatusBadRequest},
		{"server-to-user channel", post(Form("socket_id", Socket, "channel_name", "#server-to-user-10")), http.StatusBadRequest},
		{"json repeated channel_name", jsonPost(`{"socket_id":"1.2","channel_name":"private-a","channel_name":"private-b"}`), http.StatusBadRequest},
		{"json channel_name object", Request{Method: http.MethodPost, ContentType: "application/json", Body: []byte(`{"socket_id":"1.2","channel_name":{}}`)}, http.StatusBadRequest},
	}
}

func channelBadRequests(t *testing.T, a adapter) {
	var calls atomic.Int32
	srv := mustBuild(t)(a.ChannelAuthorizer(NewClient(t), allowAs(&pusher.Member{UserID: "1"}, &calls)))
	for _, tc := range append(authBadRequests(true), channelOnlyBadRequests()...) {
		t.Run(tc.name, func(t *testing.T) {
			got := srv(tc.req)
			wantText(t, got, tc.status, "evil", "script", "aaaaaaaa")
		})
	}
	if calls.Load() != 0 {
		t.Errorf("callback called %d times for refused requests", calls.Load())
	}
}

func channelBodyCap(t *testing.T, a adapter) {
	var calls atomic.Int32
	srv := mustBuild(t)(a.ChannelAuthorizer(NewClient(t), allowAs(nil, &calls), handler.WithMaxBodyBytes(64)))
	fits := Form("socket_id", Socket, "channel_name", "private-room", "pad", strings.Repeat("x", 10))
	over := Form("socket_id", Socket, "channel_name", "private-room", "pad", strings.Repeat("x", 40))
	if len(fits) > 64 || len(over) <= 64 {
		t.Fatalf("fixture sizes %d, %d", len(fits), len(over))
	}
	wantJSON(t, srv(post(fits)), `{"auth":"`+AuthValue(Socket+":private-room")+`"}`)
	wantText(t, srv(post(over)), http.StatusRequestEntityTooLarge)
	wantText(t, srv(Request{Method: http.MethodPost, ContentType: FormType, Body: over, Chunked: true}), http.StatusRequestEntityTooLarge)
	if calls.Load() != 1 {
		t.Errorf("callback called %d times, want 1", calls.Load())
	}
}

// runUserAuthenticator runs every user authentication case.
func runUserAuthenticator(t *testing.T, a adapter) {
	t.Run("sign in", func(t *testing.T) { userSignIn(t, a) })
	t.Run("refusals", func(t *testing.T) { userRefusals(t, a) })
	t.Run("panic", func(t *testing.T) {
		srv := mustBuild(t)(a.UserAuthenticator(NewClient(t), func(handler.UserRequest) (pusher.User, error) { panic("session") }))
		wantText(t, srv(post(Form("socket_id", Socket))), http.StatusInternalServerError, "session")
	})
	t.Run("bad requests", func(t *testing.T) { userBadRequests(t, a) })
}

func userSignIn(t *testing.T, a adapter) {
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

func userRefusals(t *testing.T, a adapter) {
	cases := []struct {
		name   string
		user   pusher.User
		err    error
		status int
	}{
		{"unauthenticated", pusher.User{}, fmt.Errorf("no session: %w", handler.ErrUnauthenticated), http.StatusUnauthorized},
		{"forbidden", pusher.User{ID: "10"}, handler.ErrDenied, http.StatusForbidden},
		{"failure", pusher.User{}, errors.New("database down"), http.StatusInternalServerError},
		{"empty user id", pusher.User{}, nil, http.StatusInternalServerError},
		{"bad watchlist id", pusher.User{ID: "10", Watchlist: []string{"bad id"}}, nil, http.StatusInternalServerError},
		{"nil pointer error", pusher.User{ID: "10"}, (*PanickyError)(nil), http.StatusInternalServerError},
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

func userBadRequests(t *testing.T, a adapter) {
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
