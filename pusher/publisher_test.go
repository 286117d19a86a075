package pusher_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/transport"
)

// publishAll publishes workers×perWorker distinct events ("w-i" data on
// channel "ch-w") from workers goroutines and returns their data.
func publishAll(t *testing.T, p *pusher.Publisher, workers, perWorker int) []string {
	t.Helper()
	var wg sync.WaitGroup
	errs := make(chan error, workers*perWorker)
	for w := range workers {
		wg.Go(func() {
			for i := range perWorker {
				e := pusher.Event{Channel: fmt.Sprintf("ch-%d", w), Name: "ev", Data: fmt.Sprintf("%d-%d", w, i)}
				if err := p.Publish(context.Background(), e); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("Publish: %v", err)
	}
	var all []string
	for w := range workers {
		for i := range perWorker {
			all = append(all, fmt.Sprintf("%d-%d", w, i))
		}
	}
	return all
}

func TestPublisherDeliversEveryEventOnceInBatches(t *testing.T) {
	srv := newFake(t)
	c := newFakeClient(t, srv, nil)
	out := newOutcomes()
	p := newPublisher(t, c, out.options(pusher.PublisherOptions{}))

	// Counters are readable while the Publisher works.
	stop := make(chan struct{})
	var watcher sync.WaitGroup
	watcher.Go(func() {
		for {
			s := p.Stats()
			if s.Queued < 0 || s.InFlight < 0 || s.Delivered < 0 || s.Failed != 0 {
				t.Errorf("Stats = %+v", s)
				return
			}
			select {
			case <-stop:
				return
			default:
				time.Sleep(time.Millisecond)
			}
		}
	})

	all := publishAll(t, p, 16, 125)
	closePublisher(t, p)
	close(stop)
	watcher.Wait()

	seen := eventsByData(srv)
	delivered, failed, _ := out.snapshot()
	for _, d := range all {
		if seen[d] != 1 || delivered[d] != 1 {
			t.Fatalf("event %s: the fake saw it %d times, OnDelivered %d times; want 1 and 1", d, seen[d], delivered[d])
		}
	}
	if len(seen) != len(all) || len(failed) != 0 {
		t.Errorf("the fake saw %d distinct events and OnError %d; want %d and 0", len(seen), len(failed), len(all))
	}
	reqs := srv.Requests()
	if len(reqs) >= 400 {
		t.Errorf("%d requests for %d events; want fewer than 400", len(reqs), len(all))
	}
	for _, r := range reqs {
		if r.Path != "/apps/1/batch_events" || r.Status != http.StatusOK {
			t.Fatalf("request %s %s answered %d; want batch_events answered 200", r.Method, r.Path, r.Status)
		}
	}
	want := pusher.PublisherStats{Delivered: int64(len(all)), Requests: int64(len(reqs))}
	if s := p.Stats(); s != want {
		t.Errorf("Stats = %+v, want %+v", s, want)
	}
	t.Logf("%d events in %d requests", len(all), len(reqs))
}

// failEveryThird answers every third request itself, alternately with a
// 500 and with a network error, and passes the others to next.
func failEveryThird(next transport.Doer) transport.DoerFunc {
	var n atomic.Int64
	return func(ctx context.Context, req *transport.Request) (*transport.Response, error) {
		switch k := n.Add(1); {
		case k%6 == 0:
			return nil, errors.New("connection reset by peer")
		case k%3 == 0:
			return &transport.Response{StatusCode: http.StatusInternalServerError, Body: []byte("down")}, nil
		}
		return next.Do(ctx, req)
	}
}

func TestPublisherEndsEveryEventOnceWhenRequestsFail(t *testing.T) {
	srv := newFake(t)
	c := newFakeClient(t, srv, failEveryThird(wireDoer(t)))
	out := newOutcomes()
	p := newPublisher(t, c, out.options(pusher.PublisherOptions{}))

	all := publishAll(t, p, 16, 125)
	closePublisher(t, p)

	seen := eventsByData(srv)
	delivered, failed, errs := out.snapshot()
	for _, d := range all {
		if delivered[d]+failed[d] != 1 || delivered[d] != seen[d] {
			t.Fatalf("event %s: delivered %d, failed %d, seen by the fake %d; want exactly one outcome, matching the fake",
				d, delivered[d], failed[d], seen[d])
		}
	}
	if len(failed) == 0 || len(delivered) == 0 {
		t.Fatalf("delivered %d, failed %d: want some of each", len(delivered), len(failed))
	}
	var apiErrs, transportErrs int
	for d, err := range errs {
		var apiErr *pusher.APIError
		var tErr *pusher.TransportError
		switch {
		case errors.As(err, &apiErr) && errors.Is(err, pusher.ErrServerError):
			apiErrs++
		case errors.As(err, &tErr):
			transportErrs++
		default:
			t.Errorf("event %s failed with %v (%T); want an *APIError or *TransportError", d, err, err)
		}
	}
	if apiErrs == 0 || transportErrs == 0 {
		t.Errorf("%d API errors, %d transport errors; want both kinds", apiErrs, transportErrs)
	}
	s := p.Stats()
	if s.Delivered != int64(len(delivered)) || s.Failed != int64(len(failed)) || s.Queued != 0 || s.InFlight != 0 {
		t.Errorf("Stats = %+v; delivered %d, failed %d", s, len(delivered), len(failed))
	}
}

func TestPublisherRetriesWhatCannotHaveBeenDelivered(t *testing.T) {
	srv := newFake(t)
	var n atomic.Int64
	next := wireDoer(t)
	limited := transport.DoerFunc(func(ctx context.Context, req *transport.Request) (*transport.Response, error) {
		if n.Add(1)%3 == 0 {
			return &transport.Response{StatusCode: http.StatusTooManyRequests, Body: []byte("slow down")}, nil
		}
		return next.Do(ctx, req)
	})
	c := newFakeClient(t, srv, limited, pusher.WithRetry(pusher.RetryPolicy{
		MaxAttempts: 3,
		Backoff:     func(int) time.Duration { return 0 },
	}))
	out := newOutcomes()
	p := newPublisher(t, c, out.options(pusher.PublisherOptions{}))

	all := publishAll(t, p, 4, 100)
	closePublisher(t, p)

	seen := eventsByData(srv)
	delivered, failed, _ := out.snapshot()
	for _, d := range all {
		if seen[d] != 1 || delivered[d] != 1 {
			t.Fatalf("event %s: seen %d, delivered %d; want 1 and 1 (429 is retried)", d, seen[d], delivered[d])
		}
	}
	if len(failed) != 0 {
		t.Errorf("%d events failed; want none", len(failed))
	}
}

func TestPublisherFlushWaitsForEverythingPublishedBefore(t *testing.T) {
	srv := newFake(t)
	g := newGate(16)
	c := newFakeClient(t, srv, g.Wrap(wireDoer(t)))
	out := newOutcomes()
	p := newPublisher(t, c, out.options(pusher.PublisherOptions{MaxInFlight: 2}))

	const n = 25
	for i := range n {
		if err := p.Publish(context.Background(), pusher.Event{Channel: "flush", Name: "ev", Data: fmt.Sprint(i)}); err != nil {
			t.Fatal(err)
		}
	}
	<-g.entered // a request is held

	// Held requests: a Flush with a deadline gives up with its error.
	short, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if err := p.Flush(short); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Flush while requests are held = %v; want context.DeadlineExceeded", err)
	}

	flushed := make(chan error, 1)
	go func() { flushed <- p.Flush(context.Background()) }()
	select {
	case err := <-flushed:
		t.Fatalf("Flush returned %v while every request was held", err)
	case <-time.After(50 * time.Millisecond):
	}
	g.Open()
	if err := <-flushed; err != nil {
		t.Fatalf("Flush: %v", err)
	}
	// Checked at once: an early Flush would fail here.
	delivered, _, _ := out.snapshot()
	if got := len(srv.Events()); got != n || len(delivered) != n {
		t.Fatalf("after Flush the fake has %d events and OnDelivered ran for %d; want %d", got, len(delivered), n)
	}
	if s := p.Stats(); s.Delivered != n || s.Queued != 0 || s.InFlight != 0 {
		t.Errorf("after Flush Stats = %+v", s)
	}
	if err := p.Flush(context.Background()); err != nil {
		t.Errorf("Flush with nothing pending: %v", err)
	}
}

func TestPublisherSendsALoneEventWithoutFlush(t *testing.T) {
	srv := newFake(t)
	c := newFakeClient(t, srv, wireDoer(t))
	p := newPublisher(t, c, pusher.PublisherOptions{})

	if err := p.Publish(context.Background(), pusher.Event{Channel: "lone", Name: "ev", Data: "x"}); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for len(srv.Events()) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("a lone event was not sent without Flush or Close")
		}
		time.Sleep(time.Millisecond)
	}
	if ev := lastEvent(t, srv); ev.Channel != "lone" || ev.Data != "x" {
		t.Errorf("the fake got %+v", ev)
	}
}

func TestPublisherRefusesBadEventsAtPublish(t *testing.T) {
	c, d := newRecordingClient(t, pusher.WithLimits(pusher.Limits{MaxDataBytes: 100, MaxChannelsPerTrigger: 100, MaxEventsPerBatch: 10}))
	plainOnly, _ := newRecordingClient(t) // no master key
	tests := []struct {
		name  string
		c     *pusher.Client
		event pusher.Event
		field string // for a *ValidationError
		is    error
	}{
		{"bad channel", c, pusher.Event{Channel: "bad channel", Name: "ev", Data: "x"}, "channel", pusher.ErrInvalid},
		{"empty channel", c, pusher.Event{Name: "ev", Data: "x"}, "channel", pusher.ErrInvalid},
		{"bad event name", c, pusher.Event{Channel: "ch", Name: strings.Repeat("e", 201), Data: "x"}, "event", pusher.ErrInvalid},
		{"bad socket id", c, pusher.Event{Channel: "ch", Name: "ev", Data: "x", SocketID: "nope"}, "socket_id", pusher.ErrInvalid},
		{"data too large", c, pusher.Event{Channel: "ch", Name: "ev", Data: strings.Repeat("d", 101)}, "data", pusher.ErrInvalid},
		{"not UTF-8", c, pusher.Event{Channel: "ch", Name: "ev", Data: []byte{0xff}}, "data", pusher.ErrInvalid},
		{"cannot encode", c, pusher.Event{Channel: "ch", Name: "ev", Data: func() {}}, "data", pusher.ErrInvalid},
		{"info", c, pusher.Event{Channel: "ch", Name: "ev", Data: "x", Info: []string{"subscription_count"}}, "info", pusher.ErrInvalid},
		{"encrypted without a master key", plainOnly, pusher.Event{Channel: "private-encrypted-x", Name: "ev", Data: "x"}, "", pusher.ErrEncryption},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := newOutcomes()
			p := newPublisher(t, tt.c, out.options(pusher.PublisherOptions{}))
			err := p.Publish(context.Background(), tt.event)
			if !errors.Is(err, tt.is) {
				t.Fatalf("Publish = %v; want an error matching %v", err, tt.is)
			}
			var ve *pusher.ValidationError
			if tt.field != "" && (!errors.As(err, &ve) || ve.Field != tt.field) {
				t.Errorf("Publish = %v; want a *ValidationError on %q", err, tt.field)
			}
			closePublisher(t, p)
			delivered, failed, _ := out.snapshot()
			if s := p.Stats(); s != (pusher.PublisherStats{}) || len(delivered)+len(failed) != 0 {
				t.Errorf("a refused event was queued: Stats %+v, callbacks %v %v", s, delivered, failed)
			}
		})
	}
	// An encrypted event too large only once sealed is refused too.
	enc, _ := newRecordingClient(t, pusher.WithEncryptionMasterKeyBase64(testMasterKeyB64),
		pusher.WithLimits(pusher.Limits{MaxDataBytes: 100, MaxChannelsPerTrigger: 100, MaxEventsPerBatch: 10}))
	p := newPublisher(t, enc, pusher.PublisherOptions{})
	if err := p.Publish(context.Background(), pusher.Event{Channel: "private-encrypted-x", Name: "ev", Data: strings.Repeat("d", 60)}); !errors.Is(err, pusher.ErrInvalid) {
		t.Errorf("60 bytes sealed into more than 100: Publish = %v; want a size error", err)
	}
	if d.Calls() != 0 {
		t.Errorf("%d requests were sent for refused events", d.Calls())
	}
}

func TestPublisherQueueWaitsForRoom(t *testing.T) {
	srv := newFake(t)
	g := newGate(4)
	c := newFakeClient(t, srv, g.Wrap(wireDoer(t)))
	out := newOutcomes()
	p, err := pusher.NewPublisher(c, out.options(pusher.PublisherOptions{QueueSize: 1, MaxInFlight: 1}))
	if err != nil {
		t.Fatal(err)
	}
	publish := func(ctx context.Context, data string) error {
		return p.Publish(ctx, pusher.Event{Channel: "q", Name: "ev", Data: data})
	}
	if err := publish(context.Background(), "in-flight"); err != nil {
		t.Fatal(err)
	}
	<-g.entered // the only worker holds it
	if err := publish(context.Background(), "queued"); err != nil {
		t.Fatal(err)
	}

	short, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if err := publish(short, "timed-out"); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Publish on a full queue = %v; want context.DeadlineExceeded", err)
	}
	if s := p.Stats(); s.Queued != 1 || s.InFlight != 1 {
		t.Errorf("Stats = %+v; want 1 queued, 1 in flight", s)
	}

	// A Publish waiting for room when Close begins gives up.
	waiting := make(chan error, 1)
	go func() { waiting <- publish(context.Background(), "closed-out") }()
	time.Sleep(10 * time.Millisecond) // let it block
	closed := make(chan error, 1)
	go func() { closed <- p.Close(context.Background()) }()
	if err := <-waiting; !errors.Is(err, pusher.ErrPublisherClosed) {
		t.Errorf("Publish waiting when Close began = %v; want ErrPublisherClosed", err)
	}
	g.Open()
	if err := <-closed; err != nil {
		t.Fatalf("Close: %v", err)
	}
	delivered, failed, _ := out.snapshot()
	if len(delivered) != 2 || delivered["in-flight"] != 1 || delivered["queued"] != 1 || len(failed) != 0 {
		t.Errorf("delivered %v, failed %v; want in-flight and queued delivered only", delivered, failed)
	}
	if got := eventsByData(srv); len(got) != 2 {
		t.Errorf("the fake got %v", got)
	}
}

func TestPublisherAfterClose(t *testing.T) {
	c, d := newRecordingClient(t)
	p := newPublisher(t, c, pusher.PublisherOptions{})
	closePublisher(t, p)
	if err := p.Publish(context.Background(), pusher.Event{Channel: "ch", Name: "ev", Data: "x"}); !errors.Is(err, pusher.ErrPublisherClosed) {
		t.Errorf("Publish after Close = %v; want ErrPublisherClosed", err)
	}
	if err := p.Flush(context.Background()); err != nil {
		t.Errorf("Flush after Close = %v", err)
	}
	if err := p.Close(context.Background()); err != nil {
		t.Errorf("second Close = %v", err)
	}
	if d.Calls() != 0 {
		t.Errorf("%d requests sent", d.Calls())
	}
}

func TestNilPublisher(t *testing.T) {
	for _, p := range []*pusher.Publisher{nil, {}} {
		checkUnusablePublisher(t, p)
	}
}

// checkUnusablePublisher checks that every method of p, nil or zero,
// fails without a panic.
func checkUnusablePublisher(t *testing.T, p *pusher.Publisher) {
	t.Helper()
	ctx := context.Background()
	if err := p.Publish(ctx, pusher.Event{Channel: "ch", Name: "ev", Data: "x"}); !errors.Is(err, pusher.ErrPublisherClosed) {
		t.Errorf("Publish = %v", err)
	}
	if err := p.Flush(ctx); err == nil {
		t.Error("Flush on a nil Publisher succeeded")
	}
	if err := p.Close(ctx); err == nil {
		t.Error("Close on a nil Publisher succeeded")
	}
	if s := p.Stats(); s != (pusher.PublisherStats{}) {
		t.Errorf("Stats = %+v", s)
	}
}

func TestPublisherNilContext(t *testing.T) {
	c, _ := newRecordingClient(t)
	p := newPublisher(t, c, pusher.PublisherOptions{})
	var nilCtx context.Context // a nil context is what is being tested
	for name, err := range map[string]error{
		"Publish": p.Publish(nilCtx, pusher.Event{Channel: "ch", Name: "ev", Data: "x"}),
		"Flush":   p.Flush(nilCtx),
		"Close":   p.Close(nilCtx),
	} {
		var ve *pusher.ValidationError
		if !errors.As(err, &ve) || ve.Field != "ctx" {
			t.Errorf("%s(nil) = %v; want a *ValidationError on ctx", name, err)
		}
	}
}

func TestNewPublisherRefusesBadOptions(t *testing.T) {
	c, _ := newRecordingClient(t)
	closed, _ := newRecordingClient(t)
	closed.Close()
	for name, tt := range map[string]struct {
		c    *pusher.Client
		want error
	}{"nil": {nil, pusher.ErrNilClient}, "zero": {&pusher.Client{}, pusher.ErrNilClient}, "closed": {closed, pusher.ErrClosed}} {
		if p, err := pusher.NewPublisher(tt.c, pusher.PublisherOptions{}); p != nil || !errors.Is(err, tt.want) {
			t.Errorf("NewPublisher on a %s client = %v, %v; want %v", name, p, err, tt.want)
		}
	}
	tests := []struct {
		name  string
		c     *pusher.Client
		opts  pusher.PublisherOptions
		field string
	}{
		{"negative queue", c, pusher.PublisherOptions{QueueSize: -1}, "queue_size"},
		{"negative in flight", c, pusher.PublisherOptions{MaxInFlight: -1}, "max_in_flight"},
		{"negative batch", c, pusher.PublisherOptions{BatchSize: -1}, "batch_size"},
		{"batch above the limit", c, pusher.PublisherOptions{BatchSize: 11}, "batch_size"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := pusher.NewPublisher(tt.c, tt.opts)
			var ce *pusher.ConfigError
			if p != nil || !errors.As(err, &ce) || ce.Field != tt.field {
				t.Errorf("NewPublisher = %v, %v; want a *ConfigError on %s", p, err, tt.field)
			}
		})
	}
}

func TestPublisherBatchSize(t *testing.T) {
	srv := newFake(t)
	g := newGate(1)
	c := newFakeClient(t, srv, g.Wrap(wireDoer(t)))
	p := newPublisher(t, c, pusher.PublisherOptions{BatchSize: 3, MaxInFlight: 1})
	for i := range 10 {
		if err := p.Publish(context.Background(), pusher.Event{Channel: "b", Name: "ev", Data: fmt.Sprint(i)}); err != nil {
			t.Fatal(err)
		}
	}
	g.Open()
	closePublisher(t, p)
	reqs := srv.Requests()
	if len(srv.Events()) != 10 || len(reqs) < 4 {
		t.Fatalf("%d events in %d requests; want 10 in at least 4", len(srv.Events()), len(reqs))
	}
	for _, r := range reqs {
		if n := strings.Count(string(r.Body), `"channel":`); n > 3 {
			t.Errorf("a request carried %d events; want at most 3", n)
		}
	}
}

func TestPublisherWithOneRequestInFlightKeepsTheOrder(t *testing.T) {
	srv := newFake(t)
	c := newFakeClient(t, srv, wireDoer(t))
	p := newPublisher(t, c, pusher.PublisherOptions{MaxInFlight: 1})
	const n = 300
	for i := range n {
		if err := p.Publish(context.Background(), pusher.Event{Channel: "ordered", Name: "ev", Data: fmt.Sprint(i)}); err != nil {
			t.Fatal(err)
		}
	}
	closePublisher(t, p)
	evs := srv.Events()
	if len(evs) != n {
		t.Fatalf("the fake got %d events, want %d", len(evs), n)
	}
	for i, ev := range evs {
		if ev.Data != fmt.Sprint(i) {
			t.Fatalf("event %d is %q: out of order", i, ev.Data)
		}
	}
}

// TestPublisherFlushUnderConcurrentLoad has 8 goroutines publish and
// flush in turns: after each Flush, every event that goroutine published
// has been reported, whatever the others published meanwhile.
func TestPublisherFlushUnderConcurrentLoad(t *testing.T) {
	srv := newFake(t)
	c := newFakeClient(t, srv, failEveryThird(wireDoer(t)))
	out := newOutcomes()
	p := newPublisher(t, c, out.options(pusher.PublisherOptions{MaxInFlight: 3}))

	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			var mine []string
			for round := range 10 {
				for i := range 7 {
					d := fmt.Sprintf("%d-%d-%d", w, round, i)
					if err := p.Publish(context.Background(), pusher.Event{Channel: "load", Name: "ev", Data: d}); err != nil {
						t.Error(err)
						return
					}
					mine = append(mine, d)
				}
				if err := p.Flush(context.Background()); err != nil {
					t.Error(err)
					return
				}
				delivered, failed, _ := out.snapshot()
				for _, d := range mine {
					if delivered[d]+failed[d] != 1 {
						t.Errorf("after Flush, event %s delivered %d and failed %d times", d, delivered[d], failed[d])
						return
					}
				}
			}
		})
	}
	wg.Wait()
	closePublisher(t, p)
	if s := p.Stats(); s.Delivered+s.Failed != 8*10*7 || s.Delivered != int64(len(srv.Events())) {
		t.Errorf("Stats %+v, the fake got %d", s, len(srv.Events()))
	}
}

func TestPublisherRefusesAnEndedContext(t *testing.T) {
	c, d := newRecordingClient(t)
	p := newPublisher(t, c, pusher.PublisherOptions{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := p.Publish(ctx, pusher.Event{Channel: "ch", Name: "ev", Data: "x"}); !errors.Is(err, context.Canceled) {
		t.Errorf("Publish with an ended ctx = %v; want context.Canceled", err)
	}
	closePublisher(t, p)
	if d.Calls() != 0 || p.Stats() != (pusher.PublisherStats{}) {
		t.Errorf("%d requests, Stats %+v: the event was queued", d.Calls(), p.Stats())
	}
}

func TestPublisherOnAClosedClient(t *testing.T) {
	srv := newFake(t)
	g := newGate(1)
	c := newFakeClient(t, srv, g.Wrap(wireDoer(t)))
	out := newOutcomes()
	p := newPublisher(t, c, out.options(pusher.PublisherOptions{MaxInFlight: 1}))
	for i := range 5 {
		if err := p.Publish(context.Background(), pusher.Event{Channel: "c", Name: "ev", Data: fmt.Sprint(i)}); err != nil {
			t.Fatal(err)
		}
	}
	<-g.entered // the first request is held; the other four are queued
	c.Close()
	if err := p.Publish(context.Background(), pusher.Event{Channel: "c", Name: "ev", Data: "late"}); !errors.Is(err, pusher.ErrClosed) {
		t.Errorf("Publish on a closed client = %v; want ErrClosed", err)
	}
	g.Open()
	closePublisher(t, p)
	delivered, failed, errs := out.snapshot()
	if len(delivered)+len(failed) != 5 || len(srv.Requests()) != 1 {
		t.Fatalf("delivered %v, failed %v, %d requests; want 5 outcomes from 1 request", delivered, failed, len(srv.Requests()))
	}
	for d, err := range errs {
		if !errors.Is(err, pusher.ErrClosed) {
			t.Errorf("event %s: %v; want ErrClosed", d, err)
		}
	}
}
