package main

import (
	"fmt"
	"maps"
	"slices"

	"github.com/go-pusher/channels/pusher"
	"github.com/spf13/cobra"
)

func (a *app) channelsCommand() *cobra.Command {
	var opts pusher.ChannelsOptions
	cmd := &cobra.Command{
		Use:     "channels",
		Short:   "List the app's occupied channels",
		Example: "  pusher channels --prefix presence- --info user_count",
		Args:    cobra.NoArgs,
		RunE: runE(func(cmd *cobra.Command, _ []string) error {
			c, _, err := a.client()
			if err != nil {
				return err
			}
			list, err := c.Channels(cmd.Context(), opts)
			if err != nil {
				return err
			}
			if list.Channels == nil {
				list.Channels = map[string]pusher.ChannelAttributes{}
			}
			if a.json {
				return a.printJSON(list)
			}
			for _, name := range slices.Sorted(maps.Keys(list.Channels)) {
				if attrs := attributesText(list.Channels[name]); attrs != "" {
					fmt.Fprintf(a.stdout, "%s\t%s\n", name, attrs)
				} else {
					fmt.Fprintln(a.stdout, name)
				}
			}
			return nil
		}),
	}
	cmd.Flags().StringVar(&opts.Prefix, "prefix", "", "only channels whose name starts with this")
	cmd.Flags().StringSliceVar(&opts.Info, "info", nil, "attributes to report: user_count (presence- prefix only), subscription_count")
	return cmd
}
