package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/go-pusher/channels/handler"
	"github.com/go-pusher/channels/pusher"
	"github.com/spf13/cobra"
)

// Paths pusher-js posts to by default.
const (
	channelAuthPath = "/pusher/auth"
	userAuthPath    = "/pusher/user-auth"
	webhookPath     = "/pusher/webhook"
)

// policy decides which channels auth-server authorizes.
type policy struct {
	allowAll bool
	prefixes []string
}

func (p policy) allows(channel string) bool {
	if p.allowAll {
		return true
	}
	for _, prefix := range p.prefixes {
		if strings.HasPrefix(channel, prefix) {
			return true
		}
	}
	return false
}

func (a *app) authServerCommand() *cobra.Command {
	var (
		addr string
		pol  policy
	)
	cmd := &cobra.Command{
		Use:   "auth-server (--allow-all | --allow-prefix PREFIX...)",
		Short: "Serve the auth and webhook endpoints for a local pusher-js",
		Long: `auth-server serves, on --addr, the endpoints pusher-js calls:
  POST ` + channelAuthPath + `       channel authorization (pusher-js's default endpoint)
  POST ` + userAuthPath + `  user authentication
  POST ` + webhookPath + `    webhooks, printed one a line
A channel is authorized when --allow-all is given or its whole name
(private-, presence- or private-encrypted- included) starts with an
--allow-prefix. Presence members and signed-in users are
the user_id parameter of the request (pusher-js's params option), else
"user-" and the socket id. It prints its base URL and serves until
interrupted.`,
		Example: `  pusher auth-server --allow-prefix private-dev- --allow-prefix presence-dev-
  pusher auth-server --allow-all --addr 127.0.0.1:8080`,
		Args: cobra.NoArgs,
		RunE: runE(func(cmd *cobra.Command, _ []string) error {
			if !pol.allowAll && len(pol.prefixes) == 0 {
				return usageErrorf("choose a policy: --allow-all or --allow-prefix PREFIX")
			}
			c, _, err := a.client()
			if err != nil {
				return err
			}
			mux, err := a.authMux(c, pol)
			if err != nil {
				return err
			}
			return a.serveHTTP(cmd.Context(), addr, mux, "auth server on http://%s (channel auth "+channelAuthPath+", user auth "+userAuthPath+", webhooks "+webhookPath+")\n")
		}),
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on")
	cmd.Flags().BoolVar(&pol.allowAll, "allow-all", false, "authorize every channel")
	cmd.Flags().StringArrayVar(&pol.prefixes, "allow-prefix", nil, "authorize channels whose name starts with PREFIX (repeatable)")
	return cmd
}

// authMux routes the three endpoints to our handlers.
func (a *app) authMux(c *pusher.Client, pol policy) (*http.ServeMux, error) {
	channels, err := handler.NewChannelAuthorizer(c, func(_ *http.Request, req handler.ChannelRequest) (*pusher.Member, error) {
		if !pol.allows(req.Channel) {
			return nil, handler.ErrDenied
		}
		if !strings.HasPrefix(req.Channel, "presence-") {
			return nil, nil
		}
		return &pusher.Member{UserID: requestUserID(req.Params.Get("user_id"), req.SocketID)}, nil
	})
	if err != nil {
		return nil, err
	}
	users, err := handler.NewUserAuthenticator(c, func(_ *http.Request, req handler.UserRequest) (pusher.User, error) {
		return pusher.User{ID: requestUserID(req.Params.Get("user_id"), req.SocketID)}, nil
	})
	if err != nil {
		return nil, err
	}
	hooks, err := handler.NewWebhookReceiver(c, func(_ context.Context, wh *pusher.Webhook) error {
		return a.printWebhook(wh)
	})
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle(channelAuthPath, channels)
	mux.Handle(userAuthPath, users)
	mux.Handle(webhookPath, hooks)
	return mux, nil
}

// requestUserID is the user id a request asked for, else one derived from
// its socket id.
func requestUserID(asked, socketID string) string {
	if asked != "" {
		return asked
	}
	return "user-" + socketID
}

// serveHTTP serves h on addr until ctx ends, printing banner (with the
// bound address) first.
func (a *app) serveHTTP(ctx context.Context, addr string, h http.Handler, banner string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return usageErrorf("--addr: %v", err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(a.stdout, banner, ln.Addr())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err = srv.Shutdown(shutdownCtx)
	if serveErr := <-done; !errors.Is(serveErr, http.ErrServerClosed) && err == nil {
		err = serveErr
	}
	return err
}
