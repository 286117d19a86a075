package main

import (
	"fmt"
	"strings"

	"github.com/go-pusher/channels/crypto"
	"github.com/go-pusher/channels/domain"
	"github.com/go-pusher/channels/pusher"
	"github.com/spf13/cobra"
)

func (a *app) listenCommand() *cobra.Command {
	var (
		socketURLFlag string
		userID        string
		userInfo      string
	)
	cmd := &cobra.Command{
		Use:   "listen CHANNEL...",
		Short: "Subscribe to channels over WebSocket and print each event until interrupted",
		Long: `listen connects to the app's WebSocket endpoint (Pusher protocol 7):
ws-{cluster}.pusher.com for the service, the API's host and port for a
self-hosted server, or --socket-url. It subscribes to each CHANNEL, signing
private- and presence- subscriptions itself with the app secret (presence
as --user-id), decrypts private-encrypted- channels with the master key,
answers pings, reconnects with backoff when the connection drops and prints
each event (text: channel, event and data separated by tabs; --json: one
object a line) until interrupted. Status lines go to stderr. Ctrl-C exits
with status 0.`,
		Example: `  pusher listen orders private-orders presence-room --user-id ops
  pusher listen private-encrypted-payments --json`,
		Args: cobra.MinimumNArgs(1),
		RunE: runE(func(cmd *cobra.Command, args []string) error {
			c, cfg, err := a.client()
			if err != nil {
				return err
			}
			l := &listener{app: a, client: c, channels: args, member: pusher.Member{UserID: userID}}
			if userInfo != "" {
				if l.member.UserInfo, err = jsonFlag("--user-info", userInfo); err != nil {
					return err
				}
			}
			for _, ch := range args {
				if domain.IsEncrypted(ch) && l.masterKey == nil {
					if l.masterKey, err = a.parseMasterKey(); err != nil {
						return err
					}
				}
				if strings.HasPrefix(ch, "presence-") && userID == "" {
					return usageErrorf("--user-id is required for presence- channel %s", ch)
				}
			}
			if l.url, err = socketURL(cfg, socketURLFlag); err != nil {
				return err
			}
			return l.run(cmd.Context())
		}),
	}
	cmd.Flags().StringVar(&socketURLFlag, "socket-url", "", "WebSocket endpoint, e.g. ws://127.0.0.1:6001 (default: from the app URL)")
	cmd.Flags().StringVar(&userID, "user-id", "", "user id to join presence- channels as")
	cmd.Flags().StringVar(&userInfo, "user-info", "", "user info, as JSON, for presence- channels")
	return cmd
}

// parseMasterKey reads the master key that decrypts private-encrypted-
// channels.
func (a *app) parseMasterKey() (*crypto.MasterKey, error) {
	b64 := a.masterKeyBase64()
	if b64 == "" {
		return nil, usageErrorf("a private-encrypted- channel needs a master key: set %s or --master-key", envMasterKey)
	}
	key, err := crypto.ParseMasterKey(b64)
	if err != nil {
		return nil, &exitError{code: exitUsage, err: fmt.Errorf("master key: %w", err)}
	}
	return key, nil
}
