package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

// channelOutput is channel's --json output; occupied is always present.
type channelOutput struct {
	Channel           string `json:"channel"`
	Occupied          bool   `json:"occupied"`
	UserCount         *int   `json:"user_count,omitempty"`
	SubscriptionCount *int   `json:"subscription_count,omitempty"`
}

func (a *app) channelCommand() *cobra.Command {
	var info []string
	cmd := &cobra.Command{
		Use:     "channel NAME",
		Short:   "Show one channel's state",
		Example: "  pusher channel presence-room --info user_count,subscription_count",
		Args:    cobra.ExactArgs(1),
		RunE: runE(func(cmd *cobra.Command, args []string) error {
			c, _, err := a.client()
			if err != nil {
				return err
			}
			attrs, err := c.Channel(cmd.Context(), args[0], info...)
			if err != nil {
				return err
			}
			if a.json {
				return a.printJSON(channelOutput{args[0], attrs.Occupied, attrs.UserCount, attrs.SubscriptionCount})
			}
			fmt.Fprintf(a.stdout, "%s\toccupied=%t", args[0], attrs.Occupied)
			if s := attributesText(attrs); s != "" {
				fmt.Fprintf(a.stdout, " %s", s)
			}
			fmt.Fprintln(a.stdout)
			return nil
		}),
	}
	cmd.Flags().StringSliceVar(&info, "info", nil, "attributes to report: user_count (presence- only), subscription_count")
	return cmd
}
