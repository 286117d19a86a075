package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

// terminateOutput is terminate's --json output.
type terminateOutput struct {
	UserID     string `json:"user_id"`
	Terminated bool   `json:"terminated"`
}

func (a *app) terminateCommand() *cobra.Command {
	return &cobra.Command{
		Use:     "terminate USER_ID",
		Short:   "Close every connection of a signed-in user",
		Example: "  pusher terminate user-42",
		Args:    cobra.ExactArgs(1),
		RunE: runE(func(cmd *cobra.Command, args []string) error {
			c, _, err := a.client()
			if err != nil {
				return err
			}
			if err := c.TerminateUserConnections(cmd.Context(), args[0]); err != nil {
				return err
			}
			if a.json {
				return a.printJSON(terminateOutput{args[0], true})
			}
			fmt.Fprintf(a.stdout, "terminated the connections of user %s\n", args[0])
			return nil
		}),
	}
}
