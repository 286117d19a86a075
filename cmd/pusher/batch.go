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
  {"channel":"orders","name":"created","data":{"id":1},"socket_id":"1.2","info":["subscription_count"]}
("event" is accepted for "name"; data that is a JSON string is sent as it
is, any other JSON value as its text). Blank lines are skipped. It sends the
events through the library's Publisher, packed into batch requests of up to
10 events, one request at a time (so in the order of the input); it reports
each line that failed by its number on stderr and exits 1 if any did.`,
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
// pusher.Publisher, which packs them into batch requests; it collects the
// lines that failed, in line order. One request at a time keeps the
// events in the order of the input.
func (a *app) sendBatches(ctx context.Context, c *pusher.Client, in io.Reader) (batchOutput, error) {
	var t lineTracker
	p, err := pusher.NewPublisher(c, pusher.PublisherOptions{
		MaxInFlight: 1,
		OnDelivered: func(ev pusher.Event) { t.delivered(ev) },
		OnError:     func(ev pusher.Event, err error) { t.failed(ev, a.redact(oneLine(err))) },
	})
	if err != nil {
		return batchOutput{}, err
	}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 0, 64<<10), maxInputBytes)
	for n := 1; sc.Scan(); n++ {
		ev, ok, err := parseEventLine(sc.Bytes())
		if err != nil {
			t.refused(n, err.Error())
		}
		if !ok {
			continue
		}
		t.add(n, ev)
		if err := p.Publish(ctx, ev); err != nil {
			t.remove(n, ev)
			t.refused(n, a.redact(oneLine(err)))
		}
	}
	readErr := sc.Err()
	// Close drains what was published; should ctx end first, it reports
	// the rest through OnError, so every line is accounted for.
	closeErr := p.Close(ctx)
	out := t.output()
	if readErr != nil {
		return out, fmt.Errorf("reading events: %w", readErr)
	}
	if closeErr != nil && len(out.Failed) == 0 {
		return out, closeErr
	}
	return out, nil
}

// lineTracker maps the events a Publisher settles back to their input
// lines. Events are told apart by their content: of identical events,
// which line a failure is reported on does not matter, and each is
// reported once.
type lineTracker struct {
	mu      sync.Mutex
	pending map[string][]int // lines of published, unsettled events by content
	sent    int
	failure []lineFailure
}

// eventKey is an event's content as the tracker tells events apart.
func eventKey(ev pusher.Event) string {
	return fmt.Sprintf("%q %q %q %q %s", ev.Channel, ev.Name, ev.SocketID, ev.Info, ev.Data)
}

func (t *lineTracker) add(line int, ev pusher.Event) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.pending == nil {
		t.pending = map[string][]int{}
	}
	k := eventKey(ev)
	t.pending[k] = append(t.pending[k], line)
}

// remove forgets line, an event Publish refused.
func (t *lineTracker) remove(line int, ev pusher.Event) {
	t.mu.Lock()
	defer t.mu.Unlock()
	k := eventKey(ev)
	t.pending[k] = slices.DeleteFunc(t.pending[k], func(l int) bool { return l == line })
}

// take pops the first unsettled line holding ev; t.mu is held.
func (t *lineTracker) take(ev pusher.Event) int {
	k := eventKey(ev)
	lines := t.pending[k]
	if len(lines) == 0 {
		return 0
	}
	if len(lines) == 1 {
		delete(t.pending, k)
	} else {
		t.pending[k] = lines[1:]
	}
	return lines[0]
}

func (t *lineTracker) delivered(ev pusher.Event) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.take(ev)
	t.sent++
}

func (t *lineTracker) failed(ev pusher.Event, msg string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.failure = append(t.failure, lineFailure{t.take(ev), msg})
}

func (t *lineTracker) refused(line int, msg string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.failure = append(t.failure, lineFailure{line, msg})
}

// output is what was sent and what failed, by line.
func (t *lineTracker) output() batchOutput {
	t.mu.Lock()
	defer t.mu.Unlock()
	failed := slices.Clone(t.failure)
	slices.SortStableFunc(failed, func(a, b lineFailure) int { return a.Line - b.Line })
	if failed == nil {
		failed = []lineFailure{}
	}
	return batchOutput{Sent: t.sent, Failed: failed}
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
