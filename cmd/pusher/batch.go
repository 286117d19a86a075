package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"sync"

	"github.com/go-pusher/channels/pusher"
	"github.com/spf13/cobra"
)

func (a *app) batchCommand() *cobra.Command {
	var file string
	cmd := &cobra.Command{
		Use:   "batch [--file FILE]",
		Short: "Publish events read as JSON lines from stdin or a file",
		Long: `batch reads one event a line, as JSON:
  {"channel":"orders","name":"created","data":{"id":1},"socket_id":"1.2"}
("event" is accepted for "name"; data that is a JSON string is sent as it
is, any other JSON value as its text). Blank lines are skipped. It sends the
events through the library's Publisher, which packs them into batch
requests (10 events each on the shared clusters) while earlier ones are in
flight, reports each line that failed by its number on stderr and exits 1
if any did.`,
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

// sendBatches reads events from in and publishes them through a
// pusher.Publisher, which packs them into batch requests, collecting the
// lines that failed.
func (a *app) sendBatches(ctx context.Context, c *pusher.Client, in io.Reader) (batchOutput, error) {
	lines := newLineIndex()
	var mu sync.Mutex
	out := batchOutput{Failed: []lineFailure{}}
	fail := func(line int, err error) {
		mu.Lock()
		defer mu.Unlock()
		out.Failed = append(out.Failed, lineFailure{line, a.redact(oneLine(err))})
	}
	pub, err := pusher.NewPublisher(c, pusher.PublisherOptions{
		OnError: func(e pusher.Event, err error) { fail(lines.take(e), err) },
		OnDelivered: func(e pusher.Event) {
			lines.take(e)
			mu.Lock()
			out.Sent++
			mu.Unlock()
		},
	})
	if err != nil {
		return out, err
	}
	readErr := a.publishLines(ctx, pub, in, lines, fail)
	closeErr := pub.Close(ctx) // sends what is queued; on ctx's end reports the rest to OnError
	slices.SortFunc(out.Failed, func(x, y lineFailure) int { return x.Line - y.Line })
	if readErr != nil {
		return out, readErr
	}
	if closeErr != nil && ctx.Err() == nil {
		return out, closeErr
	}
	return out, nil
}

// publishLines publishes each event line of in, recording its line number
// in lines first so that the Publisher's callbacks can name it.
func (a *app) publishLines(ctx context.Context, pub *pusher.Publisher, in io.Reader, lines *lineIndex, fail func(int, error)) error {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 0, 64<<10), maxInputBytes)
	for n := 1; sc.Scan(); n++ {
		ev, ok, err := parseEventLine(sc.Bytes())
		if err != nil {
			fail(n, err)
		}
		if !ok {
			continue
		}
		lines.add(ev, n)
		if err := pub.Publish(ctx, ev); err != nil {
			lines.drop(ev, n)
			fail(n, err)
			if ctx.Err() != nil {
				return nil
			}
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("reading events: %w", err)
	}
	return nil
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
