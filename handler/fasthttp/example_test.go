package fasthttphandler_test

import (
	"context"
	"fmt"
	"log"

	"github.com/valyala/fasthttp"

	"github.com/go-pusher/channels/handler"
	fasthttphandler "github.com/go-pusher/channels/handler/fasthttp"
	"github.com/go-pusher/channels/pusher"
)

// post fills ctx with a POST as pusher-js sends it.
func post(ctx *fasthttp.RequestCtx, form string) {
	ctx.Request.Header.SetMethod(fasthttp.MethodPost)
	ctx.Request.Header.SetContentType("application/x-www-form-urlencoded")
	ctx.Request.SetBodyString(form)
}

func ExampleNewChannelAuthorizer() {
	client, err := pusher.New("1", "key", "secret")
	if err != nil {
		log.Fatal(err)
	}
	auth, err := fasthttphandler.NewChannelAuthorizer(client, func(ctx *fasthttp.RequestCtx, req handler.ChannelRequest) (*pusher.Member, error) {
		userID := string(ctx.Request.Header.Peek("X-Demo-User")) // the app's session lookup
		if userID == "" {
			return nil, handler.ErrUnauthenticated // 401
		}
		if req.IsPresence() {
			return &pusher.Member{UserID: userID}, nil
		}
		return nil, nil
	})
	if err != nil {
		log.Fatal(err)
	}
	// Mount it: e.g. in a router, or fasthttp.ListenAndServe("127.0.0.1:8080", auth).

	var ctx fasthttp.RequestCtx
	post(&ctx, "socket_id=123.456&channel_name=private-room")
	ctx.Request.Header.Set("X-Demo-User", "10")
	auth(&ctx)
	fmt.Println(ctx.Response.StatusCode(), string(ctx.Response.Body()))
	// Output:
	// 200 {"auth":"key:83070459379e91fab87d7d0e2aaa61d42a31b7bec039838b4e2bdcf4da120328"}
}

func ExampleNewUserAuthenticator() {
	client, err := pusher.New("1", "key", "secret")
	if err != nil {
		log.Fatal(err)
	}
	signin, err := fasthttphandler.NewUserAuthenticator(client, func(ctx *fasthttp.RequestCtx, _ handler.UserRequest) (pusher.User, error) {
		userID := string(ctx.Request.Header.Peek("X-Demo-User"))
		if userID == "" {
			return pusher.User{}, handler.ErrUnauthenticated
		}
		return pusher.User{ID: userID}, nil
	}, handler.WithMaxBodyBytes(1024))
	if err != nil {
		log.Fatal(err)
	}

	var ctx fasthttp.RequestCtx
	post(&ctx, "socket_id=123.456")
	signin(&ctx)
	fmt.Println(ctx.Response.StatusCode(), string(ctx.Response.Body()))
	// Output:
	// 401 unauthenticated
}

func ExampleNewWebhookReceiver() {
	client, err := pusher.New("1", "key", "secret")
	if err != nil {
		log.Fatal(err)
	}
	hooks, err := fasthttphandler.NewWebhookReceiver(client, func(ctx context.Context, wh *pusher.Webhook) error {
		for _, e := range wh.Events {
			fmt.Println(e.Name, e.Channel)
		}
		return nil // an error answers 500 and the service delivers again
	})
	if err != nil {
		log.Fatal(err)
	}

	var ctx fasthttp.RequestCtx
	ctx.Request.Header.SetMethod(fasthttp.MethodPost)
	ctx.Request.Header.Set("X-Pusher-Key", "key")
	ctx.Request.Header.Set("X-Pusher-Signature", "4ff52a3ef2da930ea43b0a59c24fcf591a35c18298ca615156f44ed4d0239514")
	ctx.Request.SetBodyString(`{"time_ms":1700000000000,"events":[{"name":"channel_occupied","channel":"private-room"}]}`)
	hooks(&ctx)
	fmt.Println(ctx.Response.StatusCode())
	// Output:
	// channel_occupied private-room
	// 200
}
