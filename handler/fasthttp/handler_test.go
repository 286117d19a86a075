package fasthttphandler_test

import (
	"context"
	"errors"
	"testing"

	"github.com/valyala/fasthttp"

	"github.com/go-pusher/channels/handler"
	fasthttphandler "github.com/go-pusher/channels/handler/fasthttp"
	"github.com/go-pusher/channels/handler/internal/handlertest"
	"github.com/go-pusher/channels/pusher"
)

func TestConstructorsRefuseBadConfig(t *testing.T) {
	c := handlertest.NewClient(t)
	allow := func(*fasthttp.RequestCtx, handler.ChannelRequest) (*pusher.Member, error) { return nil, nil }
	user := func(*fasthttp.RequestCtx, handler.UserRequest) (pusher.User, error) { return pusher.User{ID: "1"}, nil }
	receive := func(context.Context, *pusher.Webhook) error { return nil }
	cases := map[string]func() (fasthttp.RequestHandler, error){
		"channel: nil client":   func() (fasthttp.RequestHandler, error) { return fasthttphandler.NewChannelAuthorizer(nil, allow) },
		"channel: nil callback": func() (fasthttp.RequestHandler, error) { return fasthttphandler.NewChannelAuthorizer(c, nil) },
		"channel: zero cap": func() (fasthttp.RequestHandler, error) {
			return fasthttphandler.NewChannelAuthorizer(c, allow, handler.WithMaxBodyBytes(0))
		},
		"user: nil client":      func() (fasthttp.RequestHandler, error) { return fasthttphandler.NewUserAuthenticator(nil, user) },
		"user: nil callback":    func() (fasthttp.RequestHandler, error) { return fasthttphandler.NewUserAuthenticator(c, nil) },
		"webhook: nil client":   func() (fasthttp.RequestHandler, error) { return fasthttphandler.NewWebhookReceiver(nil, receive) },
		"webhook: nil callback": func() (fasthttp.RequestHandler, error) { return fasthttphandler.NewWebhookReceiver(c, nil) },
		"webhook: negative cap": func() (fasthttp.RequestHandler, error) {
			return fasthttphandler.NewWebhookReceiver(c, receive, handler.WithMaxBodyBytes(-5))
		},
	}
	for name, build := range cases {
		h, err := build()
		if !errors.Is(err, handler.ErrConfig) || h != nil {
			t.Errorf("%s: got error %v, want ErrConfig and no handler", name, err)
		}
	}
}
