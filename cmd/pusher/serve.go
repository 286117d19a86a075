package main

import "github.com/spf13/cobra"

func (a *app) serveCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "serve",
		Short: "Run a fake Channels server on 127.0.0.1 and print its PUSHER_URL",
		Args:  cobra.NoArgs,
		RunE:  runE(func(*cobra.Command, []string) error { return usageErrorf("serve: not yet built") }),
	}
}
