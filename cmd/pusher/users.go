package main

import (
	"fmt"

	"github.com/go-pusher/channels/pusher"
	"github.com/spf13/cobra"
)

// usersOutput is users' --json output, the shape of the API's answer.
type usersOutput struct {
	Users []pusher.PresenceUser `json:"users"`
}

func (a *app) usersCommand() *cobra.Command {
	return &cobra.Command{
		Use:     "users CHANNEL",
		Short:   "List the users in a presence channel",
		Example: "  pusher users presence-room",
		Args:    cobra.ExactArgs(1),
		RunE: runE(func(cmd *cobra.Command, args []string) error {
			c, _, err := a.client()
			if err != nil {
				return err
			}
			users, err := c.Users(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			if users == nil {
				users = []pusher.PresenceUser{}
			}
			if a.json {
				return a.printJSON(usersOutput{users})
			}
			for _, u := range users {
				fmt.Fprintln(a.stdout, u.ID)
			}
			return nil
		}),
	}
}
