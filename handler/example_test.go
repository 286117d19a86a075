package handler_test

import (
	"context"
	"fmt"
	"log"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"

	"github.com/go-pusher/channels/handler"
	"github.com/go-pusher/channels/handler/dedupe"
	"github.com/go-pusher/channels/pusher"
)

// sessionUser stands for the app's own session lookup.
func sessionUser(r *http.Request) (id string, ok bool) {
	id = r.Header.Get("X-Demo-User")
	return id, id != ""
}

func ExampleNewChannelAuthorizer() {
	client, err := pusher.New("1", "key", "secret")
	if err != nil {
		log.Fatal(err)
	}
	auth, err := handler.NewChannelAuthorizer(client, func(r *http.Request, req handler.ChannelRequest) (*pusher.Member, error) {
		userID, ok := sessionUser(r)
		if !ok {
			return nil, handler.ErrUnauthenticated // 401
		}
		if strings.HasPrefix(req.Channel, "private-admin-") {
			return nil, fmt.Errorf("user %s is not an admin: %w", userID, handler.ErrDenied) // 403
		}
		if req.IsPresence() {
			return &pusher.Member{UserID: userID, UserInfo: map[string]string{"name": "Ann"}}, nil
		}
		return nil, nil // private- and private-encrypted- channels need no member
	})
	if err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/pusher/auth", auth) // pusher-js: channelAuthorization: {endpoint: "/pusher/auth"}

	// What pusher-js sends, and what it gets back:
	form := url.Values{"socket_id": {"123.456"}, "channel_name": {"presence-room"}}
	r := httptest.NewRequest(http.MethodPost, "/pusher/auth", strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("X-Demo-User", "10")
	w := httptest.NewRecorder()
	mux.ServeHTTP(w, r)
	fmt.Println(w.Code, w.Body.String())
	// Output:
	// 200 {"auth":"key:7ec31424e75971a0b5157281fcaf43d11e824ee5fea7ff47ef63e88d10bcfa9c","channel_data":"{\"user_id\":\"10\",\"user_info\":{\"name\":\"Ann\"}}"}
}

func ExampleNewUserAuthenticator() {
	client, err := pusher.New("1", "key", "secret")
	if err != nil {
		log.Fatal(err)
	}
	signin, err := handler.NewUserAuthenticator(client, func(r *http.Request, _ handler.UserRequest) (pusher.User, error) {
		userID, ok := sessionUser(r)
		if !ok {
			return pusher.User{}, handler.ErrUnauthenticated
		}
		return pusher.User{ID: userID, Watchlist: []string{"11", "12"}}, nil
	})
	if err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/pusher/user-auth", signin) // pusher-js: userAuthentication: {endpoint: "/pusher/user-auth"}

	r := httptest.NewRequest(http.MethodPost, "/pusher/user-auth", strings.NewReader("socket_id=123.456"))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w := httptest.NewRecorder()
	mux.ServeHTTP(w, r) // no session: refused
	fmt.Println(w.Code, w.Body.String())
	// Output:
	// 401 unauthenticated
}

func ExampleNewWebhookReceiver() {
	client, err := pusher.New("1", "key", "secret")
	if err != nil {
		log.Fatal(err)
	}
	hooks, err := handler.NewWebhookReceiver(client, func(ctx context.Context, wh *pusher.Webhook) error {
		for _, e := range wh.Events {
			fmt.Println(e.Name, e.Channel)
		}
		// Events that could not be decrypted are set aside (and logged).
		fmt.Println("rejected:", len(wh.Rejected))
		return nil // an error answers 500 and the service delivers again
	})
	if err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/pusher/webhooks", hooks)

	// A delivery as the service signs it: X-Pusher-Signature is
	// hex HMAC-SHA256(secret, body).
	body := `{"time_ms":1700000000000,"events":[{"name":"channel_occupied","channel":"private-room"}]}`
	r := httptest.NewRequest(http.MethodPost, "/pusher/webhooks", strings.NewReader(body))
	r.Header.Set("X-Pusher-Key", "key")
	r.Header.Set("X-Pusher-Signature", "4ff52a3ef2da930ea43b0a59c24fcf591a35c18298ca615156f44ed4d0239514")
	w := httptest.NewRecorder()
	mux.ServeHTTP(w, r)
	fmt.Println(w.Code)
	// Output:
	// channel_occupied private-room
	// rejected: 0
	// 200
}

func ExampleChannelRequest_IsPresence() {
	req := handler.ChannelRequest{SocketID: "123.456", Channel: "presence-room"}
	fmt.Println(req.IsPresence(), req.IsEncrypted())
	req.Channel = "private-encrypted-room"
	fmt.Println(req.IsPresence(), req.IsEncrypted())
	// Output:
	// true false
	// false true
}

func ExampleWithMaxBodyBytes() {
	client, err := pusher.New("1", "key", "secret")
	if err != nil {
		log.Fatal(err)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	_, err = handler.NewWebhookReceiver(client, func(context.Context, *pusher.Webhook) error { return nil },
		handler.WithMaxBodyBytes(256<<10), // answer 413 above 256 KiB
		handler.WithLogger(logger),        // refusals and failures, never secrets
	)
	fmt.Println(err)
	// Output:
	// <nil>
}

func ExampleWithLogger() {
	client, err := pusher.New("1", "key", "secret")
	if err != nil {
		log.Fatal(err)
	}
	logger := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		Level: slog.LevelDebug,
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{} // reproducible output
			}
			return a
		},
	}))
	auth, err := handler.NewChannelAuthorizer(client, func(*http.Request, handler.ChannelRequest) (*pusher.Member, error) {
		return nil, handler.ErrDenied
	}, handler.WithLogger(logger))
	if err != nil {
		log.Fatal(err)
	}
	r := httptest.NewRequest(http.MethodPost, "/pusher/auth", strings.NewReader("socket_id=1.2&channel_name=private-room"))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	auth.ServeHTTP(httptest.NewRecorder(), r)
	// Output:
	// level=DEBUG msg="pusher handler: refused by callback" endpoint=channel_authorization status=403 channel=private-room error="handler: denied"
}

func ExampleWithDeduplication() {
	client, err := pusher.New("1", "key", "secret")
	if err != nil {
		log.Fatal(err)
	}
	// One instance: an in-memory store. Several: a shared one, such as
	// redisdedupe.New(redisClient, redisdedupe.Config{}).
	store, err := dedupe.NewMemory(dedupe.MemoryConfig{})
	if err != nil {
		log.Fatal(err)
	}
	hooks, err := handler.NewWebhookReceiver(client, func(ctx context.Context, wh *pusher.Webhook) error {
		// Should the receiver lose its claim, ctx is done, with cause
		// dedupe.ErrClaimLost: stop then, and a copy may run instead.
		fmt.Println("processing", wh.Events[0].Name)
		return nil
	}, handler.WithDeduplication(store))
	if err != nil {
		log.Fatal(err)
	}

	// The service delivers again when our first answer was lost.
	body := `{"time_ms":1700000000000,"events":[{"name":"channel_occupied","channel":"private-room"}]}`
	for range 2 {
		r := httptest.NewRequest(http.MethodPost, "/pusher/webhooks", strings.NewReader(body))
		r.Header.Set("X-Pusher-Key", "key")
		r.Header.Set("X-Pusher-Signature", "4ff52a3ef2da930ea43b0a59c24fcf591a35c18298ca615156f44ed4d0239514")
		w := httptest.NewRecorder()
		hooks.ServeHTTP(w, r)
		fmt.Println(w.Code)
	}
	// Output:
	// processing channel_occupied
	// 200
	// 200
}
