package handler_test

import (
	"net/http"
	"testing"

	"github.com/go-pusher/channels/handler"
	"github.com/go-pusher/channels/handler/internal/handlertest"
	"github.com/go-pusher/channels/pusher"
)

// FuzzChannelAuthorizer sends arbitrary bodies and content types to a
// channel authorizer whose callback allows everything: the answer must be
// 200 with JSON or a 4xx, never a panic or a 5xx.
func FuzzChannelAuthorizer(f *testing.F) {
	seeds := []struct{ ct, body string }{
		{handlertest.FormType, "socket_id=1.2&channel_name=private-a"},
		{handlertest.FormType, "socket_id=1.2&channel_name=presence-a&x=%20"},
		{handlertest.FormType, "socket_id=1.2&channel_name=private-encrypted-a"},
		{handlertest.FormType, "socket_id=%zz"},
		{handlertest.FormType, "socket_id=1.2;channel_name=private-a"},
		{"application/json", `{"socket_id":"1.2","channel_name":"private-a","n":[1,{}]}`},
		{"application/json", `{"socket_id":null}`},
		{"application/json; charset=utf-8", `"x"`},
		{"text/plain", "socket_id=1.2"},
		{"", ""},
	}
	for _, s := range seeds {
		f.Add(s.ct, []byte(s.body))
	}
	c := handlertest.NewEncryptionClient(f)
	h, err := handler.NewChannelAuthorizer(c, func(_ *http.Request, req handler.ChannelRequest) (*pusher.Member, error) {
		return &pusher.Member{UserID: "1"}, nil
	})
	if err != nil {
		f.Fatal(err)
	}
	u, err := handler.NewUserAuthenticator(c, func(*http.Request, handler.UserRequest) (pusher.User, error) {
		return pusher.User{ID: "1"}, nil
	})
	if err != nil {
		f.Fatal(err)
	}
	send, sendUser := handlertest.ServeHTTP(h), handlertest.ServeHTTP(u)
	f.Fuzz(func(t *testing.T, contentType string, body []byte) {
		req := handlertest.Request{Method: http.MethodPost, ContentType: contentType, Body: body}
		for name, got := range map[string]handlertest.Response{"channel": send(req), "user": sendUser(req)} {
			switch {
			case got.Status == http.StatusOK:
				if got.Header.Get("Content-Type") != "application/json" || len(got.Body) == 0 || got.Body[0] != '{' {
					t.Fatalf("%s: 200 with %q %q", name, got.Header.Get("Content-Type"), got.Body)
				}
			case got.Status >= 400 && got.Status < 500:
			default:
				t.Fatalf("%s: status %d for %q %q: %s", name, got.Status, contentType, body, got.Body)
			}
		}
	})
}
