package main

import (
	"context"
	"fmt"
	"time"

	"github.com/go-pusher/channels/pushertest"
	"github.com/spf13/cobra"
)

// servePoll is how often serve looks for events to print.
const servePoll = 100 * time.Millisecond

func (a *app) serveCommand() *cobra.Command {
	var app pushertest.App
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Run a fake Channels server on 127.0.0.1 and print its PUSHER_URL",
		Long: `serve runs the pushertest fake Channels HTTP API on a free port of
127.0.0.1 for local backend development: it checks signatures and the
service's limits as Pusher does, answers channel and presence queries, and
prints each event it accepts (channel, event, data; with a master key,
private-encrypted- events decrypted) until interrupted. Its
first line is PUSHER_URL=… for the backend (and for this tool) to use.
It has no WebSocket side: listen needs a real server such as soketi.`,
		Example: `  pusher serve
  pusher serve --app-id 42 --key dev-key --secret dev-secret --json`,
		Args: cobra.NoArgs,
		RunE: runE(func(cmd *cobra.Command, _ []string) error {
			if app.ID == "" || app.Key == "" || app.Secret == "" {
				return usageErrorf("--app-id, --key and --secret must not be empty")
			}
			opts := []pushertest.Option{pushertest.WithApp(app)}
			if a.masterKeyBase64() != "" {
				if _, err := a.parseMasterKey(); err != nil {
					return err // NewServer would panic on a bad key
				}
				opts = append(opts, pushertest.WithEncryptionMasterKeyBase64(a.masterKeyBase64()))
			}
			srv := pushertest.NewServer(opts...)
			defer srv.Close()
			a.secret = app.Secret
			if a.json {
				if err := a.printJSON(map[string]string{"pusher_url": srv.PusherURL()}); err != nil {
					return err
				}
			} else {
				fmt.Fprintf(a.stdout, "PUSHER_URL=%s\n", srv.PusherURL())
			}
			return a.printServedEvents(cmd.Context(), srv)
		}),
	}
	def := pushertest.DefaultApp()
	cmd.Flags().StringVar(&app.ID, "app-id", def.ID, "the fake app's id")
	cmd.Flags().StringVar(&app.Key, "key", def.Key, "the fake app's key")
	cmd.Flags().StringVar(&app.Secret, "secret", def.Secret, "the fake app's secret")
	return cmd
}

// servedEvent is one accepted event as serve --json prints it.
type servedEvent struct {
	Channel  string `json:"channel"`
	Event    string `json:"event"`
	Data     string `json:"data"`
	SocketID string `json:"socket_id,omitempty"`
}

// printServedEvents prints the fake's events as they arrive until ctx ends.
func (a *app) printServedEvents(ctx context.Context, srv *pushertest.Server) error {
	tick := time.NewTicker(servePoll)
	defer tick.Stop()
	printed := 0
	for {
		events := srv.Events()
		printed = min(printed, len(events))
		for _, e := range events[printed:] {
			if a.json {
				if err := a.printJSON(servedEvent{e.Channel, e.Name, e.Data, e.SocketID}); err != nil {
					return err
				}
			} else {
				fmt.Fprintf(a.stdout, "%s\t%s\t%s\n", e.Channel, e.Name, e.Data)
			}
		}
		printed = len(events)
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
	}
}
