package main

import (
	"encoding/json"
	"strings"

	"github.com/go-pusher/channels/pusher"
	"github.com/spf13/cobra"
)

func (a *app) authCommand() *cobra.Command {
	return groupCommand("auth", "Sign a channel authorization or a user sign-in (the JSON pusher-js expects)",
		a.authChannelCommand(), a.authUserCommand())
}

func (a *app) authChannelCommand() *cobra.Command {
	var userID, userInfo string
	cmd := &cobra.Command{
		Use:   "channel SOCKET_ID CHANNEL",
		Short: "Sign a private-, private-encrypted- or presence- subscription",
		Long: `channel prints the body pusher-js expects from a channel authorization
endpoint: {"auth":…}, with channel_data for presence- channels (which need
--user-id) and shared_secret for private-encrypted- ones (which need the
master key).`,
		Example: `  pusher auth channel 123.456 private-orders
  pusher auth channel 123.456 presence-room --user-id 10 --user-info '{"name":"Ada"}'`,
		Args: cobra.ExactArgs(2),
		RunE: runE(func(_ *cobra.Command, args []string) error {
			socketID, channel := args[0], args[1]
			presence := strings.HasPrefix(channel, "presence-")
			if presence != (userID != "") {
				if presence {
					return usageErrorf("--user-id is required for a presence- channel")
				}
				return usageErrorf("--user-id is only for presence- channels")
			}
			if userInfo != "" && !presence {
				return usageErrorf("--user-info is only for presence- channels")
			}
			c, _, err := a.client()
			if err != nil {
				return err
			}
			var auth pusher.ChannelAuthorization
			if presence {
				member := pusher.Member{UserID: userID}
				if userInfo != "" {
					if member.UserInfo, err = jsonFlag("--user-info", userInfo); err != nil {
						return err
					}
				}
				auth, err = c.AuthorizePresenceChannel(socketID, channel, member)
			} else {
				auth, err = c.AuthorizeChannel(socketID, channel)
			}
			if err != nil {
				return err
			}
			return a.printJSON(auth)
		}),
	}
	cmd.Flags().StringVar(&userID, "user-id", "", "the presence member's user id")
	cmd.Flags().StringVar(&userInfo, "user-info", "", "the presence member's user info, as JSON")
	return cmd
}

func (a *app) authUserCommand() *cobra.Command {
	var userJSON string
	cmd := &cobra.Command{
		Use:   "user SOCKET_ID",
		Short: "Sign a user sign-in",
		Long: `user prints the body pusher-js expects from a user authentication
endpoint: {"auth":…,"user_data":…}. --user is the user as JSON:
{"id":…, "user_info":…, "watchlist":[…]}.`,
		Example: `  pusher auth user 123.456 --user '{"id":"10","user_info":{"name":"Ada"}}'`,
		Args:    cobra.ExactArgs(1),
		RunE: runE(func(_ *cobra.Command, args []string) error {
			if userJSON == "" {
				return usageErrorf("--user is required")
			}
			var user pusher.User
			if err := json.Unmarshal([]byte(userJSON), &user); err != nil {
				return usageErrorf("--user: not a JSON user object: %v", err)
			}
			c, _, err := a.client()
			if err != nil {
				return err
			}
			auth, err := c.AuthenticateUser(args[0], user)
			if err != nil {
				return err
			}
			return a.printJSON(auth)
		}),
	}
	cmd.Flags().StringVar(&userJSON, "user", "", `the user as JSON, e.g. {"id":"10"}`)
	return cmd
}

// jsonFlag parses a flag's value as JSON text.
func jsonFlag(name, value string) (json.RawMessage, error) {
	if !json.Valid([]byte(value)) {
		return nil, usageErrorf("%s: not valid JSON", name)
	}
	return json.RawMessage(value), nil
}
