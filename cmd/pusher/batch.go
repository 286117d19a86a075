package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/go-pusher/channels/pusher"
	"github.com/spf13/cobra"
)

// batchSize is how many events one batch request carries: the service's
// limit on the shared clusters.
const batchSize = 10

func (a *app) batchCommand() *cobra.Command {
	var file string
	cmd := &cobra.Command{
		Use:   "batch [--file FILE]",
		Short: "Publish events read as JSON lines from stdin or a file",
		Long: `batch reads one event a line, as JSON:
  {"channel":"orders","name":"created","data":{"id":1},"socket_id":"1.2","info":["subscription_count"]}
("event" is accepted for "name"; data that is a JSON string is sent as it
is, any other JSON value as its text). Blank lines are skipped. It sends the
events in batches of 10, reports each line that failed by its number on
stderr and exits 1 if any did.`,
		Example: `  pusher batch < events.jsonl
  pusher batch --file events.jsonl --json`,
		Args: cobra.NoArgs,
		RunE: runE(func(cmd *cobra.Command, _ []string) error {
			in := a.stdin
			if file != "" && file != "-" {
				f, err := os.Open(file)
				if err != nil {
					return usageErrorf("--file: %v", errors.Unwrap(err))
				}
				defer f.Close()
				in = f
			}
			c, _, err := a.client()
			if err != nil {
				return err
			}
			res, err := a.sendBatches(cmd.Context(), c, in)
			if err != nil {
				return err
			}
			return a.printBatch(res)
		}),
	}
	cmd.Flags().StringVar(&file, "file", "", `read events from FILE instead of stdin ("-": stdin)`)
	return cmd
}

// lineFailure is one line that was not published.
type lineFailure struct {
	Line  int    `json:"line"`
	Error string `json:"error"`
}

// batchOutput is batch's --json output.
type batchOutput struct {
	Sent   int           `json:"sent"`
	Failed []lineFailure `json:"failed"`
}

// sendBatches reads events from in and publishes them in batches of
// batchSize, collecting the lines that failed.
func (a *app) sendBatches(ctx context.Context, c *pusher.Client, in io.Reader) (batchOutput, error) {
	out := batchOutput{Failed: []lineFailure{}}
	var pending []lineEvent
	flush := func() {
		sent, failures := a.publish(ctx, c, pending)
		out.Sent += sent
		out.Failed = append(out.Failed, failures...)
		pending = pending[:0]
	}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 0, 64<<10), maxInputBytes)
	for n := 1; sc.Scan(); n++ {
		ev, ok, err := parseEventLine(sc.Bytes())
		switch {
		case err != nil:
			out.Failed = append(out.Failed, lineFailure{n, err.Error()})
		case ok:
			pending = append(pending, lineEvent{n, ev})
		}
		if len(pending) == batchSize {
			flush()
		}
	}
	if err := sc.Err(); err != nil {
		return out, fmt.Errorf("reading events: %w", err)
	}
	if len(pending) > 0 {
		flush()
	}
	return out, nil
}

// publish sends events in one batch. When the library refuses the batch
// before sending (one event breaks a rule), it sends each event on its own
// so that only the bad lines fail.
func (a *app) publish(ctx context.Context, c *pusher.Client, events []lineEvent) (int, []lineFailure) {
	batch := make([]pusher.Event, len(events))
	for i, e := range events {
		batch[i] = e.event
	}
	_, err := c.TriggerBatch(ctx, batch)
	if err == nil {
		return len(events), nil
	}
	if len(events) > 1 && errors.Is(err, pusher.ErrInvalid) {
		sent := 0
		var failures []lineFailure
		for _, e := range events {
			n, f := a.publish(ctx, c, []lineEvent{e})
			sent += n
			failures = append(failures, f...)
		}
		return sent, failures
	}
	msg := a.redact(oneLine(err))
	failures := make([]lineFailure, len(events))
	for i, e := range events {
		failures[i] = lineFailure{e.line, msg}
	}
	return 0, failures
}

func (a *app) printBatch(out batchOutput) error {
	if a.json {
		if err := a.printJSON(out); err != nil {
			return err
		}
	} else {
		for _, f := range out.Failed {
			fmt.Fprintf(a.stderr, "line %d: %s\n", f.Line, f.Error)
		}
		fmt.Fprintf(a.stdout, "sent %d event(s), %d failed\n", out.Sent, len(out.Failed))
	}
	if len(out.Failed) > 0 {
		return &exitError{code: exitFailure, err: fmt.Errorf("%d of %d event(s) failed", len(out.Failed), out.Sent+len(out.Failed))}
	}
	return nil
}
