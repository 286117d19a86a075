package main

import (
	"bytes"
	"fmt"
	"maps"
	"slices"

	"github.com/go-pusher/channels/pusher"
	"github.com/spf13/cobra"
)

func (a *app) triggerCommand() *cobra.Command {
	var (
		more     []string
		socketID string
		info     []string
	)
	cmd := &cobra.Command{
		Use:   "trigger CHANNEL EVENT [DATA]",
		Short: "Publish an event on one or more channels",
		Long: `trigger publishes EVENT with DATA on CHANNEL and on every --channel.
DATA is sent as it is; when it is absent or "-" it is read from stdin
(one trailing newline removed). A comma is legal in a channel name, so
name further channels with a repeated --channel flag.`,
		Example: `  pusher trigger orders created '{"id":1}'
  echo '{"id":1}' | pusher trigger orders created --channel audit --info subscription_count`,
		Args: cobra.RangeArgs(2, 3),
		RunE: runE(func(cmd *cobra.Command, args []string) error {
			channels := append([]string{args[0]}, more...)
			data, err := a.eventData(args[2:])
			if err != nil {
				return err
			}
			c, _, err := a.client()
			if err != nil {
				return err
			}
			var opts []pusher.TriggerOption
			if socketID != "" {
				opts = append(opts, pusher.ExcludeSocket(socketID))
			}
			if len(info) > 0 {
				opts = append(opts, pusher.WithInfo(info...))
			}
			var res pusher.TriggerResult
			if len(channels) == 1 {
				res, err = c.Trigger(cmd.Context(), channels[0], args[1], data, opts...)
			} else {
				res, err = c.TriggerMulti(cmd.Context(), channels, args[1], data, opts...)
			}
			if err != nil {
				return err
			}
			return a.printTrigger(args[1], channels, res)
		}),
	}
	cmd.Flags().StringArrayVar(&more, "channel", nil, "a further channel (repeatable)")
	cmd.Flags().StringVar(&socketID, "socket-id", "", "exclude the connection with this socket id")
	cmd.Flags().StringSliceVar(&info, "info", nil, "channel attributes to report: subscription_count, user_count")
	return cmd
}

// eventData is the DATA argument, or stdin when it is absent or "-".
func (a *app) eventData(args []string) ([]byte, error) {
	if len(args) == 1 && args[0] != "-" {
		return []byte(args[0]), nil
	}
	b, err := readInput(a.stdin)
	if err != nil {
		return nil, err
	}
	b = bytes.TrimSuffix(b, []byte("\n"))
	return bytes.TrimSuffix(b, []byte("\r")), nil
}

// triggerOutput is trigger's --json output.
type triggerOutput struct {
	Event    string                              `json:"event"`
	Channels []string                            `json:"channels"`
	Info     map[string]pusher.ChannelAttributes `json:"info"`
}

func (a *app) printTrigger(event string, channels []string, res pusher.TriggerResult) error {
	info := res.Channels
	if info == nil {
		info = map[string]pusher.ChannelAttributes{}
	}
	if a.json {
		return a.printJSON(triggerOutput{Event: event, Channels: channels, Info: info})
	}
	fmt.Fprintf(a.stdout, "triggered %s on %d channel(s)\n", event, len(channels))
	for _, name := range slices.Sorted(maps.Keys(info)) {
		fmt.Fprintf(a.stdout, "%s\t%s\n", name, attributesText(info[name]))
	}
	return nil
}
