package main

import (
	"errors"
	"fmt"

	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/signing"
	"github.com/spf13/cobra"
)

func (a *app) webhookCommand() *cobra.Command {
	return groupCommand("webhook", "Verify or sign a webhook body", a.webhookVerifyCommand(), a.webhookSignCommand())
}

func (a *app) webhookVerifyCommand() *cobra.Command {
	var key, signature string
	cmd := &cobra.Command{
		Use:   "verify --signature SIG [--key KEY]",
		Short: "Check a webhook body on stdin against its signature; decrypt its events",
		Long: `verify reads a webhook body on stdin and checks it against the
X-Pusher-Signature value given with --signature and the X-Pusher-Key
value given with --key (default: the app's key). It prints the events,
with the data of encrypted channels decrypted when a master key is set.
Exit status 0: valid; 1: not valid.`,
		Example: `  pusher webhook verify --key "$KEY" --signature "$SIG" < body.json`,
		Args:    cobra.NoArgs,
		RunE: runE(func(*cobra.Command, []string) error {
			if signature == "" {
				return usageErrorf("--signature is required")
			}
			c, _, err := a.client()
			if err != nil {
				return err
			}
			if key == "" {
				key = c.Key()
			}
			body, err := readInput(a.stdin)
			if err != nil {
				return err
			}
			wh, err := c.VerifyWebhookSignature(key, signature, body)
			if err != nil {
				return &exitError{code: exitFailure, err: fmt.Errorf("webhook not valid: %w", err)}
			}
			return a.printWebhook(wh)
		}),
	}
	cmd.Flags().StringVar(&key, "key", "", "the X-Pusher-Key header (default: the app's key)")
	cmd.Flags().StringVar(&signature, "signature", "", "the X-Pusher-Signature header")
	return cmd
}

// webhookOutput is verify's --json output.
type webhookOutput struct {
	Valid    bool                  `json:"valid"`
	TimeMs   int64                 `json:"time_ms"`
	Events   []pusher.WebhookEvent `json:"events"`
	Rejected []rejectedOutput      `json:"rejected"`
}

// rejectedOutput is an event of a valid delivery that could not be read
// (an encrypted channel's data that did not decrypt); its data is left out.
type rejectedOutput struct {
	Name    string `json:"name"`
	Channel string `json:"channel"`
	Event   string `json:"event,omitempty"`
	Error   string `json:"error"`
}

func (a *app) printWebhook(wh *pusher.Webhook) error {
	events := wh.Events
	if events == nil {
		events = []pusher.WebhookEvent{}
	}
	rejected := make([]rejectedOutput, len(wh.Rejected))
	for i, r := range wh.Rejected {
		rejected[i] = rejectedOutput{r.Event.Name, r.Event.Channel, r.Event.Event, oneLine(r.Err)}
	}
	if a.json {
		return a.printJSON(webhookOutput{true, wh.TimeMs, events, rejected})
	}
	fmt.Fprintf(a.stdout, "valid webhook, time_ms=%d, %d event(s)", wh.TimeMs, len(events))
	if len(rejected) > 0 {
		fmt.Fprintf(a.stdout, ", %d unreadable", len(rejected))
	}
	fmt.Fprintln(a.stdout)
	for _, r := range rejected {
		fmt.Fprintf(a.stdout, "unreadable\t%s\t%s\tevent=%s\t%s\n", r.Name, r.Channel, r.Event, r.Error)
	}
	for _, e := range events {
		fmt.Fprintf(a.stdout, "%s\t%s", e.Name, e.Channel)
		for _, kv := range [][2]string{{"event", e.Event}, {"user_id", e.UserID}, {"socket_id", e.SocketID}, {"data", string(e.Data)}} {
			if kv[1] != "" {
				fmt.Fprintf(a.stdout, "\t%s=%s", kv[0], kv[1])
			}
		}
		fmt.Fprintln(a.stdout)
	}
	return nil
}

func (a *app) webhookSignCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "sign",
		Short: "Print the headers that sign a webhook body on stdin (for testing a receiver)",
		Example: `  pusher webhook sign < body.json
  curl -H "$(pusher webhook sign < body.json | head -1)" ...`,
		Args: cobra.NoArgs,
		RunE: runE(func(*cobra.Command, []string) error {
			cfg, err := a.config()
			if err != nil {
				return err
			}
			if cfg.key == "" || cfg.secret == "" {
				return usageErrorf("url: needs a key and a secret")
			}
			body, err := readInput(a.stdin)
			if err != nil {
				return err
			}
			if len(body) == 0 {
				return errors.New("no body on stdin")
			}
			sig := signing.NewSigner(cfg.key, cfg.secret).WebhookSignature(body)
			if a.json {
				return a.printJSON(map[string]string{pusher.HeaderWebhookKey: cfg.key, pusher.HeaderWebhookSignature: sig})
			}
			fmt.Fprintf(a.stdout, "%s: %s\n%s: %s\n", pusher.HeaderWebhookKey, cfg.key, pusher.HeaderWebhookSignature, sig)
			return nil
		}),
	}
}
