package pusher_test

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/go-pusher/channels/internal/fastpath"
	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/transport"
)

// reusingFake is a transport with the fast path (DoInto) that answers from a queue, writing
// each answer into the Response it is lent over the buffers that Response
// already holds, as the fasthttp adapter does. Calls being sequential, it
// also scribbles over every Response lent by an earlier call (the client
// has released them by then), as the pool reusing them would: anything the
// client handed out that still pointed into one would change under the
// caller. It records the Responses it was lent.
type reusingFake struct {
	mu      sync.Mutex
	answers []transport.Response
	lent    []*transport.Response
}

func (f *reusingFake) Do(context.Context, *transport.Request) (*transport.Response, error) {
	return nil, errors.New("reusingFake: the client should call DoInto")
}

func (f *reusingFake) DoInto(_ context.Context, _ *transport.Request, _ *fastpath.Header, _ time.Time, resp *transport.Response) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.answers) == 0 {
		return errors.New("reusingFake: no answer left")
	}
	a := f.answers[0]
	f.answers = f.answers[1:]
	for _, earlier := range append(f.lent, resp) {
		for i := range earlier.Body {
			earlier.Body[i] = 'X'
		}
		earlier.StatusCode = 0
		clear(earlier.Header)
	}
	f.lent = append(f.lent, resp)
	resp.StatusCode = a.StatusCode
	if resp.Header == nil {
		resp.Header = http.Header{}
	}
	clear(resp.Header)
	for k, v := range a.Header {
		resp.Header[k] = v
	}
	resp.Body = append(resp.Body[:0], a.Body...)
	return nil
}

func newReusingClient(t *testing.T, answers []transport.Response, opts ...pusher.Option) (*pusher.Client, *reusingFake) {
	t.Helper()
	f := &reusingFake{answers: answers}
	c, err := pusher.New("1", "key", "secret", append([]pusher.Option{pusher.WithTransport(f)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c, f
}

func ok(body string) transport.Response {
	return transport.Response{StatusCode: http.StatusOK, Body: []byte(body)}
}

// TestLentResponsesNeverLeakToTheCaller: what the client returns (a body
// from Get, a decoded result, an APIError) stays as it was while later
// calls reuse the same pooled Response.
func TestLentResponsesNeverLeakToTheCaller(t *testing.T) {
	ctx := context.Background()
	c, f := newReusingClient(t, []transport.Response{
		ok(`{"first":"answer"}`),
		ok(`{"channels":{"presence-a":{"user_count":3}}}`),
		{StatusCode: http.StatusBadRequest, Body: []byte(`bad request: the first error`)},
		ok(`{"XXXXX":"XXXXXX"}`),
		ok(`{"channels":{"presence-b":{"user_count":9}}}`),
		{StatusCode: http.StatusForbidden, Body: []byte(`forbidden: YYYYYYYYYYYYYYYYYYYYYYYYY`)},
	})

	body, err := c.Get(ctx, "/channels", nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.TriggerMulti(ctx, []string{"presence-a"}, "e", "d", pusher.WithInfo("user_count"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Trigger(ctx, "a", "e", "d")
	var apiErr *pusher.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("error %v, want an APIError", err)
	}
	// Three more calls over the same lent Response.
	if _, err := c.Get(ctx, "/channels", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := c.TriggerMulti(ctx, []string{"presence-b"}, "e", "d", pusher.WithInfo("user_count")); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Trigger(ctx, "a", "e", "d"); err == nil {
		t.Fatal("403 answered without error")
	}

	if string(body) != `{"first":"answer"}` {
		t.Errorf("the first Get's body changed to %q", body)
	}
	if n := res.Channels["presence-a"].UserCount; n == nil || *n != 3 || len(res.Channels) != 1 {
		t.Errorf("the first trigger's result changed: %+v", res.Channels)
	}
	if apiErr.StatusCode != http.StatusBadRequest || apiErr.Body != "bad request: the first error" {
		t.Errorf("the first APIError changed: %d %q", apiErr.StatusCode, apiErr.Body)
	}
	if len(f.lent) != 6 {
		t.Errorf("%d calls lent a Response, want 6", len(f.lent))
	}
}

// TestRetryReusesTheLentResponse: a retried call lends the same Response
// to every attempt and sees each attempt's answer, not the last one's.
func TestRetryReusesTheLentResponse(t *testing.T) {
	c, f := newReusingClient(t, []transport.Response{
		{StatusCode: http.StatusTooManyRequests, Header: http.Header{"Retry-After": {"0"}}, Body: []byte(`slow down, a long body that is longer than the next`)},
		ok(`{}`),
	}, pusher.WithRetry(pusher.RetryPolicy{MaxAttempts: 3, Backoff: noWait}))
	if _, err := c.Trigger(context.Background(), "a", "e", "d"); err != nil {
		t.Fatal(err)
	}
	if len(f.lent) != 2 || f.lent[0] != f.lent[1] {
		t.Fatalf("attempts were lent %d Responses, want the same one twice", len(f.lent))
	}
	if got := string(f.lent[1].Body); got != "{}" || f.lent[1].Header.Get("Retry-After") != "" {
		t.Errorf("second attempt left body %q, header %v", got, f.lent[1].Header)
	}
}

// TestReusingTransportGetsTheTimeoutAsDeadline: the client passes its
// timeout to DoInto as a deadline beside ctx, whatever ctx is, and derives
// no context for it.
func TestReusingTransportGetsTheTimeoutAsDeadline(t *testing.T) {
	var mu sync.Mutex
	var deadlines []time.Time
	var ctxDeadlines []bool
	f := &deadlineRecorder{record: func(ctx context.Context, deadline time.Time) {
		mu.Lock()
		defer mu.Unlock()
		_, has := ctx.Deadline()
		deadlines, ctxDeadlines = append(deadlines, deadline), append(ctxDeadlines, has)
	}}
	c, err := pusher.New("1", "key", "secret", pusher.WithTransport(f), pusher.WithTimeout(7*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	before := time.Now()
	if _, err := c.Trigger(context.Background(), "a", "e", "d"); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if _, err := c.Trigger(ctx, "a", "e", "d"); err != nil {
		t.Fatal(err)
	}
	if d := deadlines[0].Sub(before); ctxDeadlines[0] || d < 7*time.Second || d > 8*time.Second {
		t.Errorf("background ctx: deadline %v after the call, ctx deadline %v; want 7s and none", d, ctxDeadlines[0])
	}
	if d := deadlines[1].Sub(before); ctxDeadlines[1] || d < 7*time.Second || d > 8*time.Second {
		t.Errorf("cancellable ctx: deadline %v after the call, ctx deadline %v; want 7s and none", d, ctxDeadlines[1])
	}
}

// deadlineRecorder is a fast-path transport answering 200 {} that records the
// deadlines it is given.
type deadlineRecorder struct {
	record func(ctx context.Context, deadline time.Time)
}

func (d *deadlineRecorder) Do(context.Context, *transport.Request) (*transport.Response, error) {
	return nil, errors.New("deadlineRecorder: the client should call DoInto")
}

func (d *deadlineRecorder) DoInto(ctx context.Context, _ *transport.Request, _ *fastpath.Header, deadline time.Time, resp *transport.Response) error {
	d.record(ctx, deadline)
	resp.StatusCode, resp.Body = http.StatusOK, append(resp.Body[:0], "{}"...)
	return nil
}

// TestFastPathTriggerAllocatesNothing: on the fast path (a transport with
// DoInto, as the fasthttp adapter is) a trigger of string data held in an
// any allocates nothing once the client's pools are warm.
func TestFastPathTriggerAllocatesNothing(t *testing.T) {
	if raceEnabled {
		t.Skip("sync.Pool drops items at random under -race")
	}
	c, err := pusher.New("1", "key", "secret", pusher.WithTransport(&deadlineRecorder{record: func(context.Context, time.Time) {}}))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var data any = `{"message":"hello"}`
	if n := testing.AllocsPerRun(200, func() {
		if _, err := c.Trigger(ctx, "my-channel", "my-event", data); err != nil {
			t.Fatal(err)
		}
	}); n != 0 {
		t.Errorf("a trigger allocates %.1f times", n)
	}
}
