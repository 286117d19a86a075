package pusher_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/go-pusher/channels/internal/fastpath"
	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/transport"
)

func TestPublisherLeavesNothingRunningAfterClose(t *testing.T) {
	srv := newFake(t)
	d := wireDoer(t)
	c := newFakeClient(t, srv, d)
	ignore := goleak.IgnoreCurrent()

	var calls atomic.Int64
	p, err := pusher.NewPublisher(c, pusher.PublisherOptions{
		MaxInFlight: 4,
		OnDelivered: func(pusher.Event) { calls.Add(1) },
	})
	if err != nil {
		t.Fatal(err)
	}
	all := publishAll(t, p, 4, 50)
	closePublisher(t, p)
	// Read at once: a Close that returned before its goroutines had
	// drained the queue fails here.
	after := calls.Load()
	if s := p.Stats(); after != int64(len(all)) || s.Delivered != int64(len(all)) {
		t.Errorf("by Close, OnDelivered ran %d times and Stats %+v; want %d delivered", after, s, len(all))
	}
	d.CloseIdleConnections() // the transport's goroutines are not the Publisher's
	goleak.VerifyNone(t, ignore)
	time.Sleep(10 * time.Millisecond)
	if calls.Load() != after {
		t.Errorf("OnDelivered ran %d times after Close", calls.Load()-after)
	}
}

// blockingDoer holds every request until its ctx ends, telling entered.
func blockingDoer(entered chan<- struct{}) transport.DoerFunc {
	return func(ctx context.Context, req *transport.Request) (*transport.Response, error) {
		select {
		case entered <- struct{}{}:
		default:
		}
		<-ctx.Done()
		return nil, ctx.Err()
	}
}

func TestPublisherCloseWithExpiredContextReportsTheUndelivered(t *testing.T) {
	entered := make(chan struct{}, 64)
	c, err := pusher.New("1", "key", "secret", pusher.WithTransport(blockingDoer(entered)),
		pusher.WithHost("127.0.0.1:1"), pusher.WithTLS(false), pusher.WithTimeout(0))
	if err != nil {
		t.Fatal(err)
	}
	ignore := goleak.IgnoreCurrent()
	out := newOutcomes()
	p, err := pusher.NewPublisher(c, out.options(pusher.PublisherOptions{MaxInFlight: 2}))
	if err != nil {
		t.Fatal(err)
	}
	const n = 40
	for i := range n {
		if err := p.Publish(context.Background(), pusher.Event{Channel: "held", Name: "ev", Data: fmt.Sprint(i)}); err != nil {
			t.Fatal(err)
		}
	}
	<-entered
	<-entered // both workers hold a request; the rest is queued

	expired, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	if err := p.Close(expired); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Close(expired) = %v; want context.DeadlineExceeded", err)
	}
	goleak.VerifyNone(t, ignore)

	delivered, failed, errs := out.snapshot()
	if len(delivered) != 0 || len(failed) != n {
		t.Fatalf("delivered %d, reported %d; want 0 and %d", len(delivered), len(failed), n)
	}
	inFlight := 0
	for d, err := range errs {
		if failed[d] != 1 {
			t.Errorf("event %s reported %d times", d, failed[d])
		}
		if !errors.Is(err, pusher.ErrPublisherClosed) || !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("event %s: %v; want ErrPublisherClosed and context.DeadlineExceeded", d, err)
		}
		var te *pusher.TransportError
		if errors.As(err, &te) {
			inFlight++
		}
	}
	if inFlight == 0 || inFlight == n {
		t.Errorf("%d of %d errors are a request's *TransportError; want those of the held requests only", inFlight, n)
	}
	if s := p.Stats(); s.Failed != n || s.Queued != 0 || s.InFlight != 0 || s.Delivered != 0 {
		t.Errorf("Stats = %+v", s)
	}
	if err := p.Flush(context.Background()); err != nil {
		t.Errorf("Flush after Close: %v", err)
	}
}

func TestPublisherSurvivesPanickingCallbacks(t *testing.T) {
	var failing atomic.Bool
	failing.Store(true)
	srv := newFake(t)
	next := wireDoer(t)
	d := transport.DoerFunc(func(ctx context.Context, req *transport.Request) (*transport.Response, error) {
		if failing.Load() {
			return &transport.Response{StatusCode: http.StatusForbidden, Body: []byte("no")}, nil
		}
		return next.Do(ctx, req)
	})
	var logs bytes.Buffer // slog handlers serialize writes; read once Close has ended them
	c := newFakeClient(t, srv, d, pusher.WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
	var onError, onDelivered atomic.Int64
	p := newPublisher(t, c, pusher.PublisherOptions{
		OnError:     func(pusher.Event, error) { onError.Add(1); panic("boom") },
		OnDelivered: func(pusher.Event) { onDelivered.Add(1); panic("bang") },
	})
	for i := range 30 {
		if err := p.Publish(context.Background(), pusher.Event{Channel: "p", Name: "ev", Data: fmt.Sprint(i)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	if onError.Load() != 30 || p.Stats().Failed != 30 {
		t.Fatalf("OnError ran %d times, Stats %+v; want 30 failures", onError.Load(), p.Stats())
	}
	failing.Store(false)
	if err := p.Publish(context.Background(), pusher.Event{Channel: "p", Name: "ev", Data: "after"}); err != nil {
		t.Fatal(err)
	}
	closePublisher(t, p)
	if onDelivered.Load() != 1 || p.Stats().Delivered != 1 {
		t.Errorf("OnDelivered ran %d times, Stats %+v; want the later event delivered", onDelivered.Load(), p.Stats())
	}
	if !strings.Contains(logs.String(), "OnError panicked") || !strings.Contains(logs.String(), "OnDelivered panicked") {
		t.Errorf("the panics were not logged:\n%s", logs.String())
	}
}

func TestPublisherWithoutOnErrorLogsFailures(t *testing.T) {
	d := transport.DoerFunc(func(context.Context, *transport.Request) (*transport.Response, error) {
		return &transport.Response{StatusCode: http.StatusForbidden, Body: []byte("no")}, nil
	})
	var logs bytes.Buffer // slog handlers serialize writes; read once Close has ended them
	c, err := pusher.New("1", "key", "secret", pusher.WithTransport(d), pusher.WithHost("127.0.0.1:1"),
		pusher.WithTLS(false), pusher.WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
	if err != nil {
		t.Fatal(err)
	}
	p := newPublisher(t, c, pusher.PublisherOptions{})
	if err := p.Publish(context.Background(), pusher.Event{Channel: "logged", Name: "ev", Data: "secret data"}); err != nil {
		t.Fatal(err)
	}
	closePublisher(t, p)
	out := logs.String()
	if !strings.Contains(out, "event not delivered") || !strings.Contains(out, "logged") || !strings.Contains(out, "403") {
		t.Errorf("log = %s; want the channel and the error", out)
	}
	if strings.Contains(out, "secret data") {
		t.Errorf("log shows the event's data: %s", out)
	}
}

// heldFastPathDoer is a transport with the client's fast path (DoInto)
// that holds every request until release is closed, then answers 200, or
// fails it if its ctx ends first. It counts the calls whose ctx could
// never be cancelled.
type heldFastPathDoer struct {
	entered  chan struct{}
	release  chan struct{}
	steadies atomic.Int64
}

func (d *heldFastPathDoer) Do(context.Context, *transport.Request) (*transport.Response, error) {
	return nil, errors.New("heldFastPathDoer: the client should call DoInto")
}

func (d *heldFastPathDoer) DoInto(ctx context.Context, _ *transport.Request, _ *fastpath.Header, _ time.Time, resp *transport.Response) error {
	if ctx.Done() == nil {
		d.steadies.Add(1)
	}
	select {
	case d.entered <- struct{}{}:
	default:
	}
	select {
	case <-d.release:
	case <-ctx.Done():
		return ctx.Err()
	}
	resp.StatusCode = 200
	resp.Body = append(resp.Body[:0], "{}"...)
	return nil
}

// TestPublisherOnTheFastPathSettlesHeldRequestsByTheirAnswer: on a
// transport with the fast path the Publisher's requests carry a context
// that cannot be cancelled (no goroutine or timer per request in the
// fasthttp adapter), so a Close that gives up waits for the requests
// already in flight and settles their events by the answer, reporting the
// rest as not delivered, and leaves nothing running.
func TestPublisherOnTheFastPathSettlesHeldRequestsByTheirAnswer(t *testing.T) {
	d := &heldFastPathDoer{entered: make(chan struct{}, 64), release: make(chan struct{})}
	c, err := pusher.New("1", "key", "secret", pusher.WithTransport(d),
		pusher.WithHost("127.0.0.1:1"), pusher.WithTLS(false))
	if err != nil {
		t.Fatal(err)
	}
	ignore := goleak.IgnoreCurrent()
	out := newOutcomes()
	p, err := pusher.NewPublisher(c, out.options(pusher.PublisherOptions{MaxInFlight: 2}))
	if err != nil {
		t.Fatal(err)
	}
	const n = 40
	for i := range n {
		if err := p.Publish(context.Background(), pusher.Event{Channel: "held", Name: "ev", Data: fmt.Sprint(i)}); err != nil {
			t.Fatal(err)
		}
	}
	<-d.entered
	<-d.entered // both workers hold a request; the rest is queued
	if got := d.steadies.Load(); got != 2 {
		t.Errorf("%d of the 2 requests sent before Close had a context that cannot be cancelled", got)
	}

	expired, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	closed := make(chan error, 1)
	go func() { closed <- p.Close(expired) }()
	select {
	case err := <-closed:
		t.Fatalf("Close returned (%v) with requests in flight that cannot be cancelled", err)
	case <-time.After(50 * time.Millisecond):
	}
	close(d.release)
	if err := <-closed; !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Close(expired) = %v; want context.DeadlineExceeded", err)
	}
	goleak.VerifyNone(t, ignore)

	delivered, failed, errs := out.snapshot()
	if len(delivered) < 2 || len(delivered) >= n || len(delivered)+len(failed) != n {
		t.Fatalf("delivered %d, reported %d; want the held batches' events (2 to %d) delivered and the rest reported, %d in all",
			len(delivered), len(failed), n-1, n)
	}
	for e, k := range delivered {
		if k != 1 || failed[e] != 0 {
			t.Errorf("event %s delivered %d times, reported %d times", e, k, failed[e])
		}
	}
	for e, err := range errs {
		if failed[e] != 1 {
			t.Errorf("event %s reported %d times", e, failed[e])
		}
		if !errors.Is(err, pusher.ErrPublisherClosed) || !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("event %s: %v; want ErrPublisherClosed and context.DeadlineExceeded", e, err)
		}
	}
	if s := p.Stats(); s.Failed+s.Delivered != n || s.Queued != 0 || s.InFlight != 0 {
		t.Errorf("Stats = %+v", s)
	}
}
