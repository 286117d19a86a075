package main

import (
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"
)

// app is one invocation: its streams, environment and global flags.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string

	// Global flags.
	url       string
	masterKey string
	transport string
	timeout   time.Duration
	json      bool

	// secret is the app secret once the configuration is read, kept to
	// scrub it from error messages.
	secret string
}

// Environment variables the tool reads.
const (
	envURL       = "PUSHER_URL"
	envMasterKey = "PUSHER_ENCRYPTION_MASTER_KEY_BASE64"
)

// rootCommand builds the command tree.
func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "pusher",
		Short: "Operate a Pusher Channels app from the shell",
		Long: `pusher triggers events, queries channels and presence users, signs
authorizations, verifies and signs webhooks and listens on channels of a
Pusher Channels app or any Pusher-protocol server (soketi, sockudo).

The app comes from $PUSHER_URL or --url, e.g.
  https://key:secret@api-eu.pusher.com/apps/123
  http://app-key:app-secret@127.0.0.1:6001/apps/app-id
The end-to-end encryption master key comes from
$PUSHER_ENCRYPTION_MASTER_KEY_BASE64 or --master-key.

Exit status: 0 success, 1 the call failed, 2 usage error.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	f := root.PersistentFlags()
	f.StringVar(&a.url, "url", "", "app URL (default $"+envURL+")")
	f.StringVar(&a.masterKey, "master-key", "", "base64 end-to-end encryption master key (default $"+envMasterKey+")")
	f.StringVar(&a.transport, "transport", "nethttp", "HTTP transport: nethttp, resty or fasthttp")
	f.DurationVar(&a.timeout, "timeout", 5*time.Second, "bound on each API call, retries included (0: none)")
	f.BoolVar(&a.json, "json", false, "print JSON instead of text")
	_ = root.RegisterFlagCompletionFunc("transport", cobra.FixedCompletions(transportNames(), cobra.ShellCompDirectiveNoFileComp))
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &exitError{code: exitUsage, err: err} })

	root.AddCommand(
		a.triggerCommand(),
		a.batchCommand(),
		a.channelsCommand(),
		a.channelCommand(),
		a.usersCommand(),
		a.terminateCommand(),
		a.authCommand(),
		a.webhookCommand(),
		a.listenCommand(),
		a.serveCommand(),
		a.authServerCommand(),
	)
	return root
}

// groupCommand is a command that only holds subcommands; run alone it is
// a usage error naming them.
func groupCommand(use, short string, subs ...*cobra.Command) *cobra.Command {
	names := make([]string, len(subs))
	for i, sub := range subs {
		names[i] = sub.Name()
	}
	cmd := &cobra.Command{
		Use:   use,
		Short: short,
		Args:  cobra.NoArgs,
		RunE: runE(func(*cobra.Command, []string) error {
			return usageErrorf("%s needs a subcommand: %s", use, strings.Join(names, " or "))
		}),
	}
	cmd.AddCommand(subs...)
	return cmd
}
