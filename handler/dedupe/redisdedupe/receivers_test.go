package redisdedupe_test

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/valyala/fasthttp"

	"github.com/go-pusher/channels/handler"
	"github.com/go-pusher/channels/handler/dedupe"
	"github.com/go-pusher/channels/handler/dedupe/redisdedupe"
	fasthttphandler "github.com/go-pusher/channels/handler/fasthttp"
	"github.com/go-pusher/channels/handler/internal/handlertest"
	"github.com/go-pusher/channels/pusher"
)

// delivery is one signed webhook delivery; n makes it unique.
func delivery(n int) []byte {
	return []byte(`{"time_ms":` + strconv.Itoa(1700000000000+n) + `,"events":[{"name":"member_added","channel":"presence-r","user_id":"10"}]}`)
}

// instances are two webhook receivers, as two instances of an app would
// run them: one on net/http, one on fasthttp, each with its own Redis
// client and Store (configured by cfg) on the same Redis. receive[i] is
// instance i's callback.
type instances struct {
	urls [2]string
}

func startInstances(t *testing.T, srv *redisServer, cfg redisdedupe.Config, receive [2]handler.WebhookFunc) instances {
	t.Helper()
	var in instances
	for i := range 2 {
		store := newStore(t, srv, cfg)
		opts := []handler.Option{handler.WithDeduplication(store), handler.WithLogger(handlertest.DebugLogger(t))}
		client := handlertest.NewClient(t)
		if i == 0 {
			h, err := handler.NewWebhookReceiver(client, receive[i], opts...)
			if err != nil {
				t.Fatal(err)
			}
			hs := httptest.NewServer(h)
			t.Cleanup(hs.Close)
			in.urls[i] = hs.URL
			continue
		}
		h, err := fasthttphandler.NewWebhookReceiver(client, receive[i], opts...)
		if err != nil {
			t.Fatal(err)
		}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		fs := &fasthttp.Server{Handler: h}
		served := make(chan struct{})
		go func() {
			defer close(served)
			_ = fs.Serve(ln)
		}()
		t.Cleanup(func() {
			_ = fs.Shutdown()
			<-served
		})
		in.urls[i] = "http://" + ln.Addr().String()
	}
	return in
}

// send posts body, signed, to instance i and returns the status.
func (in instances) send(t *testing.T, i int, body []byte) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, in.urls[i], bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range handlertest.SignedWebhook(body) {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Error(err)
		return 0
	}
	_ = resp.Body.Close()
	return resp.StatusCode
}

// counter is a callback that counts its calls and optionally waits or fails.
type counter struct {
	calls atomic.Int32
	wait  time.Duration
	err   error
}

func (c *counter) receive(context.Context, *pusher.Webhook) error {
	c.calls.Add(1)
	time.Sleep(c.wait)
	return c.err
}

func TestTwoInstancesRunTheCallbackOnceInTurn(t *testing.T) {
	var cb counter
	in := startInstances(t, startRedis(t), redisdedupe.Config{}, [2]handler.WebhookFunc{cb.receive, cb.receive})
	body := delivery(1)
	for _, i := range []int{0, 1, 0, 1} {
		if got := in.send(t, i, body); got != http.StatusOK {
			t.Errorf("instance %d: status %d, want 200", i, got)
		}
	}
	if cb.calls.Load() != 1 {
		t.Errorf("callback ran %d times, want 1", cb.calls.Load())
	}
	if got := in.send(t, 1, delivery(2)); got != http.StatusOK || cb.calls.Load() != 2 {
		t.Errorf("another delivery: status %d, %d calls; want 200 and 2", got, cb.calls.Load())
	}
}

func TestTwoInstancesRunTheCallbackOnceConcurrently(t *testing.T) {
	cb := counter{wait: 50 * time.Millisecond} // a window for copies to overlap
	in := startInstances(t, startRedis(t), redisdedupe.Config{}, [2]handler.WebhookFunc{cb.receive, cb.receive})
	body := delivery(3)

	const copies = 16
	statuses := make([]int, copies)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range copies {
		wg.Go(func() {
			<-start
			statuses[i] = in.send(t, i%2, body)
		})
	}
	close(start)
	wg.Wait()
	ok := 0
	t.Logf("first answers of %d concurrent copies: %v", copies, statuses)
	for i, s := range statuses {
		switch s {
		case http.StatusOK:
			ok++
		case http.StatusConflict: // another instance held the claim: the service retries
			if got := in.send(t, i%2, body); got != http.StatusOK {
				t.Errorf("copy %d retried: status %d, want 200", i, got)
			}
		default:
			t.Errorf("copy %d: status %d, want 200 or 409", i, s)
		}
	}
	if ok == 0 || cb.calls.Load() != 1 {
		t.Errorf("%d copies answered 200, callback ran %d times; want ≥1 and 1", ok, cb.calls.Load())
	}
}

func TestCopyWhileAnotherInstanceRunsIsRetriedLater(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	var calls atomic.Int32
	slow := func(context.Context, *pusher.Webhook) error {
		calls.Add(1)
		close(entered)
		<-release
		return nil
	}
	var cb counter
	in := startInstances(t, startRedis(t), redisdedupe.Config{}, [2]handler.WebhookFunc{slow, cb.receive})
	body := delivery(4)
	first := make(chan int)
	go func() { first <- in.send(t, 0, body) }()
	<-entered
	copyDuringRun := in.send(t, 1, body)
	close(release)
	if copyDuringRun != http.StatusConflict {
		t.Errorf("copy during the run: status %d, want 409", copyDuringRun)
	}
	if got := <-first; got != http.StatusOK {
		t.Errorf("first copy: status %d", got)
	}
	if got := in.send(t, 1, body); got != http.StatusOK {
		t.Errorf("retry after the run: status %d, want 200", got)
	}
	if calls.Load()+cb.calls.Load() != 1 {
		t.Errorf("callbacks ran %d times, want 1", calls.Load()+cb.calls.Load())
	}
}

func TestFailureOnOneInstanceLetsTheOtherProcess(t *testing.T) {
	failing := counter{err: errors.New("database down")}
	var working counter
	in := startInstances(t, startRedis(t), redisdedupe.Config{}, [2]handler.WebhookFunc{failing.receive, working.receive})
	body := delivery(5)
	if got := in.send(t, 0, body); got != http.StatusInternalServerError {
		t.Errorf("failing instance: status %d, want 500", got)
	}
	if got := in.send(t, 1, body); got != http.StatusOK {
		t.Errorf("the retry on the other instance: status %d, want 200", got)
	}
	if got := in.send(t, 0, body); got != http.StatusOK {
		t.Errorf("a later copy: status %d, want 200 without running", got)
	}
	if failing.calls.Load() != 1 || working.calls.Load() != 1 {
		t.Errorf("calls: failing %d, working %d; want 1 and 1", failing.calls.Load(), working.calls.Load())
	}
}

func TestRedisDownAnswers503AndLosesNothing(t *testing.T) {
	srv := startRedis(t)
	var cb counter
	in := startInstances(t, srv, redisdedupe.Config{}, [2]handler.WebhookFunc{cb.receive, cb.receive})
	if got := in.send(t, 0, delivery(6)); got != http.StatusOK { // connections are warm
		t.Fatalf("status %d", got)
	}

	srv.Stop()
	body := delivery(7)
	for i := range 2 {
		if got := in.send(t, i, body); got != http.StatusServiceUnavailable {
			t.Errorf("instance %d with Redis down: status %d, want 503", i, got)
		}
	}
	if cb.calls.Load() != 1 {
		t.Errorf("callback ran %d times with Redis down, want 0 more", cb.calls.Load()-1)
	}

	srv.Start()
	// The service keeps retrying; the first retry after Redis is back may
	// meet a connection the client has not yet found dead.
	got := 0
	for try := 0; try < 20 && got != http.StatusOK; try++ {
		if got = in.send(t, try%2, body); got != http.StatusOK {
			time.Sleep(50 * time.Millisecond)
		}
	}
	if got != http.StatusOK || cb.calls.Load() != 2 {
		t.Errorf("after Redis came back: status %d, %d calls; want 200 and 2", got, cb.calls.Load())
	}
	if got := in.send(t, 1, body); got != http.StatusOK || cb.calls.Load() != 2 {
		t.Errorf("a copy after that: status %d, %d calls; want 200 and 2", got, cb.calls.Load())
	}
}

// TestCallbackPastTheLeaseRunsOnce: a callback that runs for four leases
// keeps its claim renewed, so copies sent to the other instance meanwhile
// are answered 409 and nothing runs twice at once.
func TestCallbackPastTheLeaseRunsOnce(t *testing.T) {
	const lease = 100 * time.Millisecond
	var running, most atomic.Int32
	slow := counter{wait: 4 * lease}
	receive := func(ctx context.Context, wh *pusher.Webhook) error {
		if n := running.Add(1); n > most.Load() {
			most.Store(n)
		}
		defer running.Add(-1)
		return slow.receive(ctx, wh)
	}
	in := startInstances(t, startRedis(t), redisdedupe.Config{Times: dedupe.Times{Lease: lease}}, [2]handler.WebhookFunc{receive, receive})
	body := delivery(8)
	first := make(chan int)
	go func() { first <- in.send(t, 0, body) }()
	for _, at := range []time.Duration{lease * 3 / 2, 3 * lease} {
		time.Sleep(lease * 3 / 2)
		if got := in.send(t, 1, body); got != http.StatusConflict {
			t.Errorf("copy %v into the run: status %d, want 409", at, got)
		}
	}
	if got := <-first; got != http.StatusOK {
		t.Errorf("first copy: status %d", got)
	}
	if got := in.send(t, 1, body); got != http.StatusOK {
		t.Errorf("retry after the run: status %d, want 200", got)
	}
	if slow.calls.Load() != 1 || most.Load() != 1 {
		t.Errorf("callback ran %d times, %d at once; want 1, 1", slow.calls.Load(), most.Load())
	}
}
