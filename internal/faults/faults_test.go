package faults_test

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/go-pusher/channels/internal/faults"
	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/transport"
)

var updateTable = flag.Bool("update-table", false, "rewrite the fault table in README.md from this run")

// slack is how much later than its deadline a timed-out call may return:
// generous, as the suite runs in parallel under -race on two cores.
const slack = 1500 * time.Millisecond

// outcome is what one fault did to one call.
type outcome struct {
	value      any
	err        error
	elapsed    time.Duration
	calls      int64            // attempts the client made, counted at the transport
	attempts   []faults.Attempt // requests the server received
	targetHits int              // requests that followed a redirect
}

// faultCase is one fault, the call it is observed through and what must
// come of it.
type faultCase struct {
	name string
	want string // the expected outcome, for the table
	// behave is the server's behaviour; nil means nothing listens.
	behave faults.Behaviour
	opts   []pusher.Option
	call   func(ctx context.Context, c *pusher.Client) (any, error)
	// ctx derives the call's context; nil means context.Background().
	ctx   func(context.Context) (context.Context, context.CancelFunc)
	check func(t *testing.T, o outcome)
}

// Bodies the server answers with.
const (
	channelsBody = `{"channels":{"presence-room":{"user_count":3}}}`
	paddedBody   = `{"channels":{}}                                   ` // 50 bytes to trickle
)

// The calls faults are observed through.
func callChannels(ctx context.Context, c *pusher.Client) (any, error) {
	return c.Channels(ctx, pusher.ChannelsOptions{})
}

func callChannel(ctx context.Context, c *pusher.Client) (any, error) {
	return c.Channel(ctx, "presence-room", "user_count")
}

func callUsers(ctx context.Context, c *pusher.Client) (any, error) {
	return c.Users(ctx, "presence-room")
}

func callTrigger(ctx context.Context, c *pusher.Client) (any, error) {
	return c.Trigger(ctx, "my-channel", "my-event", `{"n":1}`)
}

func callTriggerInfo(ctx context.Context, c *pusher.Client) (any, error) {
	return c.Trigger(ctx, "my-channel", "my-event", `{"n":1}`, pusher.WithInfo("subscription_count"))
}

// retry is a policy with attempts tries and a 10 ms pause.
func retry(attempts int, retryIf pusher.RetryFunc) pusher.Option {
	return pusher.WithRetry(pusher.RetryPolicy{MaxAttempts: attempts, Backoff: constBackoff(10 * time.Millisecond), RetryIf: retryIf})
}

// faultCases is the fault table.
func faultCases() []faultCase {
	ms := time.Millisecond
	return []faultCase{
		{
			name: "connection refused (trigger, WithRetry 3)", want: "TransportError ECONNREFUSED; retried (nothing was sent)",
			behave: nil, opts: []pusher.Option{retry(3, nil)}, call: callTrigger,
			check: all(wantTransportError(syscall.ECONNREFUSED), wantCalls(3)),
		},
		{
			name: "reset mid-response (GET)", want: "TransportError, 1 attempt",
			behave: faults.Reset(), call: callChannels,
			check: all(wantTransportError(nil), notContextError, wantAttempts(1)),
		},
		{
			name: "reset, then 200 (GET, WithRetry 3)", want: "ok after 2 attempts, each signed afresh",
			behave: faults.Sequence(faults.Reset(), faults.Respond(200, channelsBody)), opts: []pusher.Option{retry(3, nil)},
			call: callChannels, check: all(wantChannels, wantAttempts(2), wantFreshSignatures),
		},
		{
			name: "reset (trigger, WithRetry 3, RetryIdempotent)", want: "TransportError, not retried (may have been delivered)",
			behave: faults.Reset(), opts: []pusher.Option{retry(3, nil)}, call: callTrigger,
			check: all(wantTransportError(nil), notContextError, wantAttempts(1)),
		},
		{
			name: "answer that is not HTTP", want: "TransportError, 1 attempt",
			behave: faults.NotHTTP(), call: callChannels,
			check: all(wantTransportError(nil), notContextError, wantAttempts(1)),
		},
		{
			name: "never answers (client timeout 300ms)", want: "TransportError DeadlineExceeded at ~300ms",
			behave: faults.Hang(), opts: []pusher.Option{pusher.WithTimeout(300 * ms)}, call: callChannels,
			check: all(wantTransportError(context.DeadlineExceeded), wantElapsed(300*ms, 300*ms+slack), wantAttempts(1)),
		},
		{
			name: "never answers (ctx deadline 300ms)", want: "TransportError DeadlineExceeded at ~300ms",
			behave: faults.Hang(), opts: []pusher.Option{pusher.WithTimeout(0)}, call: callTrigger,
			ctx:   func(p context.Context) (context.Context, context.CancelFunc) { return context.WithTimeout(p, 300*ms) },
			check: all(wantTransportError(context.DeadlineExceeded), wantElapsed(300*ms, 300*ms+slack), wantAttempts(1)),
		},
		{
			name: "never answers (ctx cancelled at 200ms)", want: "TransportError Canceled at ~200ms",
			behave: faults.Hang(), call: callChannels,
			ctx: func(p context.Context) (context.Context, context.CancelFunc) {
				ctx, cancel := context.WithCancel(p)
				timer := time.AfterFunc(200*ms, cancel)
				return ctx, func() { timer.Stop(); cancel() }
			},
			check: all(wantTransportError(context.Canceled), wantElapsed(200*ms, 200*ms+slack), wantAttempts(1)),
		},
		{
			name: "slow body, 1 byte/100ms (timeout 500ms)", want: "TransportError DeadlineExceeded at ~500ms",
			behave: faults.Trickle(paddedBody, 100*ms), opts: []pusher.Option{pusher.WithTimeout(500 * ms)}, call: callChannels,
			check: all(wantTransportError(context.DeadlineExceeded), wantElapsed(500*ms, 500*ms+slack), wantAttempts(1)),
		},
		{
			name: "oversized body, Content-Length (cap 16 KiB)", want: "TransportError ErrBodyTooLarge",
			behave: faults.Oversized(4*bodyCap, false), call: callChannels,
			check: all(wantTransportError(transport.ErrBodyTooLarge), wantAttempts(1)),
		},
		{
			name: "oversized body, chunked (cap 16 KiB)", want: "TransportError ErrBodyTooLarge",
			behave: faults.Oversized(4*bodyCap, true), call: callChannels,
			check: all(wantTransportError(transport.ErrBodyTooLarge), wantAttempts(1)),
		},
		{
			name: "500, 502, 503, then 200 (GET, WithRetry 4)", want: "ok after 4 attempts, each signed afresh",
			behave: burstThen(faults.Respond(200, channelsBody)), opts: []pusher.Option{retry(4, nil)}, call: callChannels,
			check: all(wantChannels, wantAttempts(4), wantFreshSignatures),
		},
		{
			name: "503 (GET, no WithRetry)", want: "APIError 503 ErrServerError, 1 attempt",
			behave: faults.Sequence(faults.Respond(503, "unavailable"), faults.Respond(200, channelsBody)), call: callChannels,
			check: all(wantAPIError(503, pusher.ErrServerError), wantAttempts(1)),
		},
		{
			name: "500 (trigger, WithRetry 4, RetryIdempotent)", want: "APIError 500 ErrServerError, not retried",
			behave: burstThen(faults.Respond(200, "{}")), opts: []pusher.Option{retry(4, nil)}, call: callTrigger,
			check: all(wantAPIError(500, pusher.ErrServerError), wantAttempts(1)),
		},
		{
			name: "500, 502, 503, then 200 (trigger, WithRetry 4, RetryAll)", want: "ok after 4 attempts, each signed afresh",
			behave: burstThen(faults.Respond(200, "{}")), opts: []pusher.Option{retry(4, pusher.RetryAll)}, call: callTrigger,
			check: all(wantNoError, wantAttempts(4), wantFreshSignatures),
		},
		{
			name: "503 Retry-After: 1, then 200 (GET, WithRetry 3)", want: "ok after 2 attempts, >= 1s apart",
			behave: faults.Sequence(faults.Respond(503, "busy", "Retry-After", "1"), faults.Respond(200, channelsBody)),
			opts:   []pusher.Option{pusher.WithRetry(pusher.RetryPolicy{MaxAttempts: 3, Backoff: constBackoff(ms)}), pusher.WithTimeout(5 * time.Second)},
			call:   callChannels, check: all(wantChannels, wantAttempts(2), wantFreshSignatures, wantGap(time.Second)),
		},
		{
			name: "garbage in a 200 (Channels)", want: "ErrMalformedResponse",
			behave: faults.Respond(200, "<html>oops</html>"), call: callChannels,
			check: all(wantMalformed, wantAttempts(1)),
		},
		{
			name: "truncated JSON in a 200 (Channel)", want: "ErrMalformedResponse",
			behave: faults.Respond(200, `{"occupied":true,"user_count":`), call: callChannel,
			check: all(wantMalformed, wantAttempts(1)),
		},
		{
			name: "truncated JSON in a 200 (trigger with info)", want: "ErrMalformedResponse",
			behave: faults.Respond(200, `{"channels":{"my-channel":{"subscription_count":`), call: callTriggerInfo,
			check: all(wantMalformed, wantAttempts(1)),
		},
		{
			name: "wrong JSON types in a 200 (Users)", want: "ErrMalformedResponse",
			behave: faults.Respond(200, `{"users":"everyone"}`), call: callUsers,
			check: all(wantMalformed, wantAttempts(1)),
		},
		{
			name: "empty 200 (Channels)", want: "ErrMalformedResponse",
			behave: faults.Respond(200, ""), call: callChannels,
			check: all(wantMalformed, wantAttempts(1)),
		},
		{
			name: `200 carrying {"error":…,"code":401} (trigger)`, want: "APIError (HTTP 200, code 401) ErrUnauthorized",
			behave: faults.Respond(200, `{"error":"Invalid signature","code":401}`), call: callTrigger,
			check: all(wantAPIError(401, pusher.ErrUnauthorized), wantHTTPStatus(200), wantAttempts(1)),
		},
		{
			name: "302 redirect (GET)", want: "APIError 302, not followed",
			behave: faults.Redirect(http.StatusFound), call: callChannels,
			check: all(wantAPIError(302, nil), wantAttempts(1), wantNotFollowed),
		},
		{
			name: "307 redirect (trigger)", want: "APIError 307, not followed",
			behave: faults.Redirect(http.StatusTemporaryRedirect), call: callTrigger,
			check: all(wantAPIError(307, nil), wantAttempts(1), wantNotFollowed),
		},
		{
			name: "400 page quoting the signed URL", want: "APIError 400 ErrBadRequest, signature redacted",
			behave: faults.Echo(http.StatusBadRequest), call: callChannels,
			check: all(wantAPIError(400, pusher.ErrBadRequest), wantAttempts(1), wantRedactedBody),
		},
		{
			name: "400 page quoting the signed URL across the 1 KiB cut", want: "APIError 400 ErrBadRequest, no piece of the signature kept",
			behave: faults.EchoAcross(http.StatusBadRequest, 1024, 40), call: callChannels,
			check: all(wantAPIError(400, pusher.ErrBadRequest), wantAttempts(1)),
		},
	}
}

// burstThen answers 500, 502, 503, then with b.
func burstThen(b faults.Behaviour) faults.Behaviour {
	return faults.Sequence(
		faults.Respond(500, "Internal Server Error"),
		faults.Respond(502, "<html><body>Bad Gateway</body></html>"),
		faults.Respond(503, `{"error":"unavailable"}`),
		b,
	)
}

// TestFaults runs every fault against every transport, checks each
// outcome, and logs the outcome table (go test -v). With -update-table it
// rewrites the table in README.md.
func TestFaults(t *testing.T) {
	cases, trs := faultCases(), allTransports()
	table := newFaultTable(cases, trs)
	t.Run("matrix", func(t *testing.T) {
		for i, fc := range cases {
			for j, tr := range trs {
				t.Run(fc.name+"/"+tr.name, func(t *testing.T) {
					t.Parallel()
					fc := faultCases()[i] // options of its own: New may keep what they hold
					o := runFault(t, fc, tr)
					fc.check(t, o)
					got := describe(o)
					table.set(i, j, got, !t.Failed())
					t.Logf("%-58s %-9s %s", fc.name, tr.name, got)
				})
			}
		}
	})
	md := table.markdown()
	t.Log("fault table:\n" + md)
	if *updateTable { // failed checks show in their cells
		if err := rewriteTable("README.md", md); err != nil {
			t.Fatal(err)
		}
	}
}

// runFault makes fc's call through a fresh adapter of kind tr against a
// fresh server, guarding against a panic and a hang, and checks that
// nothing it printed or logged holds a secret.
func runFault(t *testing.T, fc faultCase, tr transportKind) outcome {
	t.Helper()
	spy := newSpy(t, tr)
	var srv *faults.Server
	var host string
	if fc.behave != nil {
		srv = newServer(t, fc.behave)
		host = srv.Host()
	} else {
		addr, err := faults.ClosedAddress()
		if err != nil {
			t.Fatal(err)
		}
		host = addr
	}
	logs := &logSink{}
	c := newClient(t, host, spy, logs, fc.opts...)
	ctx, cancel := context.Background(), context.CancelFunc(func() {})
	if fc.ctx != nil {
		ctx, cancel = fc.ctx(ctx)
	}
	defer cancel()

	type result struct {
		v     any
		err   error
		panic any
	}
	done := make(chan result, 1)
	start := time.Now()
	go func() {
		var r result
		defer func() {
			if p := recover(); p != nil {
				r.panic = p
			}
			done <- r
		}()
		r.v, r.err = fc.call(ctx, c)
	}()
	var r result
	select {
	case r = <-done:
	case <-time.After(15 * time.Second):
		t.Fatal("the call hangs")
	}
	o := outcome{value: r.v, err: r.err, elapsed: time.Since(start), calls: spy.calls.Load()}
	if r.panic != nil {
		t.Fatalf("the call panicked: %v", r.panic)
	}
	needles := secretNeedles(spy.signatures()...)
	if srv != nil {
		o.attempts = srv.Attempts()
		o.targetHits = srv.TargetHits()
		for _, a := range o.attempts {
			needles = append(needles, a.Signature)
		}
	}
	if len(spy.signatures()) == 0 {
		t.Error("the client sent no signed request")
	}
	assertErrorClean(t, "the call's", o.err, needles)
	log := logs.String()
	if !strings.Contains(log, "pusher request") {
		t.Errorf("the debug log has no request line, so the leak check is blind:\n%s", log)
	}
	assertNoLeak(t, "the debug log", log, needles)
	return o
}

// all runs every check.
func all(checks ...func(*testing.T, outcome)) func(*testing.T, outcome) {
	return func(t *testing.T, o outcome) {
		t.Helper()
		for _, c := range checks {
			c(t, o)
		}
	}
}

// wantTransportError wants a *pusher.TransportError that matches target
// (any cause when target is nil) and no result.
func wantTransportError(target error) func(*testing.T, outcome) {
	return func(t *testing.T, o outcome) {
		t.Helper()
		var te *pusher.TransportError
		if !errors.As(o.err, &te) {
			t.Fatalf("error %v (%T), want a *pusher.TransportError", o.err, o.err)
		}
		if target != nil && !errors.Is(o.err, target) {
			t.Errorf("error %v does not match %v", o.err, target)
		}
		var api *pusher.APIError
		if errors.As(o.err, &api) {
			t.Errorf("a transport failure also matches *APIError: %v", o.err)
		}
	}
}

// notContextError wants an error that no context ended.
func notContextError(t *testing.T, o outcome) {
	t.Helper()
	if errors.Is(o.err, context.DeadlineExceeded) || errors.Is(o.err, context.Canceled) {
		t.Errorf("error %v blames the context, which never ended", o.err)
	}
}

// wantAPIError wants a *pusher.APIError whose StatusCode is status and that
// matches sentinel (when not nil).
func wantAPIError(status int, sentinel error) func(*testing.T, outcome) {
	return func(t *testing.T, o outcome) {
		t.Helper()
		var api *pusher.APIError
		if !errors.As(o.err, &api) {
			t.Fatalf("error %v (%T), want a *pusher.APIError", o.err, o.err)
		}
		if api.StatusCode != status {
			t.Errorf("APIError status %d, want %d", api.StatusCode, status)
		}
		if sentinel != nil && !errors.Is(o.err, sentinel) {
			t.Errorf("error %v does not match %v", o.err, sentinel)
		}
		for _, s := range []error{pusher.ErrBadRequest, pusher.ErrUnauthorized, pusher.ErrForbidden, pusher.ErrNotFound, pusher.ErrServerError} {
			if s != sentinel && errors.Is(o.err, s) {
				t.Errorf("error %v also matches %v", o.err, s)
			}
		}
	}
}

// wantHTTPStatus wants an APIError from an answer with this HTTP status.
func wantHTTPStatus(status int) func(*testing.T, outcome) {
	return func(t *testing.T, o outcome) {
		t.Helper()
		var api *pusher.APIError
		if errors.As(o.err, &api) && api.HTTPStatus != status {
			t.Errorf("APIError.HTTPStatus %d, want %d", api.HTTPStatus, status)
		}
	}
}

// wantMalformed wants an error matching pusher.ErrMalformedResponse.
func wantMalformed(t *testing.T, o outcome) {
	t.Helper()
	if !errors.Is(o.err, pusher.ErrMalformedResponse) {
		t.Fatalf("error %v, want one matching ErrMalformedResponse", o.err)
	}
}

// wantNoError wants success.
func wantNoError(t *testing.T, o outcome) {
	t.Helper()
	if o.err != nil {
		t.Fatalf("error %v, want success", o.err)
	}
}

// wantChannels wants the channel list of channelsBody.
func wantChannels(t *testing.T, o outcome) {
	t.Helper()
	wantNoError(t, o)
	list, ok := o.value.(pusher.ChannelsList)
	if !ok {
		t.Fatalf("result %T, want pusher.ChannelsList", o.value)
	}
	room, ok := list.Channels["presence-room"]
	if len(list.Channels) != 1 || !ok || room.UserCount == nil || *room.UserCount != 3 {
		t.Errorf("result %+v, want presence-room with user_count 3", list)
	}
}

// wantCalls wants n attempts counted at the transport.
func wantCalls(n int64) func(*testing.T, outcome) {
	return func(t *testing.T, o outcome) {
		t.Helper()
		if o.calls != n {
			t.Errorf("the client made %d attempts, want %d", o.calls, n)
		}
	}
}

// wantAttempts wants n attempts made by the client and received by the
// server.
func wantAttempts(n int) func(*testing.T, outcome) {
	return func(t *testing.T, o outcome) {
		t.Helper()
		if o.calls != int64(n) || len(o.attempts) != n {
			t.Errorf("the client made %d attempts and the server saw %d, want %d", o.calls, len(o.attempts), n)
		}
	}
}

// wantFreshSignatures wants every attempt validly signed, each with a later
// auth_timestamp than the one before and the same body.
func wantFreshSignatures(t *testing.T, o outcome) {
	t.Helper()
	for i, a := range o.attempts {
		if !a.SignatureOK {
			t.Errorf("attempt %d is not validly signed", i+1)
		}
		if i == 0 {
			continue
		}
		prev := o.attempts[i-1]
		if a.AuthTimestamp <= prev.AuthTimestamp {
			t.Errorf("attempt %d has auth_timestamp %d, not after attempt %d's %d: not signed afresh", i+1, a.AuthTimestamp, i, prev.AuthTimestamp)
		}
		if a.Signature == prev.Signature {
			t.Errorf("attempt %d reuses attempt %d's signature", i+1, i)
		}
		if string(a.Body) != string(prev.Body) {
			t.Errorf("attempt %d sent body %q, attempt %d %q", i+1, a.Body, i, prev.Body)
		}
	}
}

// wantElapsed wants the call to return within [lo, hi].
func wantElapsed(lo, hi time.Duration) func(*testing.T, outcome) {
	return func(t *testing.T, o outcome) {
		t.Helper()
		if o.elapsed < lo-10*time.Millisecond || o.elapsed > hi {
			t.Errorf("the call returned after %v, want between %v and %v", o.elapsed, lo, hi)
		}
	}
}

// wantGap wants at least d between the first two attempts' arrivals.
func wantGap(d time.Duration) func(*testing.T, outcome) {
	return func(t *testing.T, o outcome) {
		t.Helper()
		if len(o.attempts) < 2 {
			t.Fatalf("%d attempts, want 2 or more", len(o.attempts))
		}
		if gap := o.attempts[1].At.Sub(o.attempts[0].At); gap < d {
			t.Errorf("attempts %v apart, want at least %v (Retry-After)", gap, d)
		}
	}
}

// wantNotFollowed wants the redirect target never requested.
func wantNotFollowed(t *testing.T, o outcome) {
	t.Helper()
	if o.targetHits != 0 {
		t.Errorf("the redirect was followed %d times", o.targetHits)
	}
}

// wantRedactedBody wants the APIError to keep the body with the signature
// redacted.
func wantRedactedBody(t *testing.T, o outcome) {
	t.Helper()
	var api *pusher.APIError
	if errors.As(o.err, &api) && !strings.Contains(api.Body, "cannot serve GET") {
		t.Errorf("APIError.Body %q lost the server's message", api.Body)
	}
}

// describe renders an outcome for the table.
func describe(o outcome) string {
	var what string
	var api *pusher.APIError
	var te *pusher.TransportError
	switch {
	case o.err == nil:
		what = "ok"
	case errors.As(o.err, &api):
		what = fmt.Sprintf("APIError %d", api.StatusCode)
		if api.HTTPStatus != api.StatusCode {
			what = fmt.Sprintf("APIError (HTTP %d, code %d)", api.HTTPStatus, api.StatusCode)
		}
		for _, s := range []struct {
			name string
			err  error
		}{{"ErrBadRequest", pusher.ErrBadRequest}, {"ErrUnauthorized", pusher.ErrUnauthorized}, {"ErrServerError", pusher.ErrServerError}} {
			if errors.Is(o.err, s.err) {
				what += " " + s.name
			}
		}
	case errors.Is(o.err, pusher.ErrMalformedResponse):
		what = "ErrMalformedResponse"
	case errors.As(o.err, &te):
		what = "TransportError " + causeOf(o.err)
	default:
		what = fmt.Sprintf("unexpected %T", o.err)
	}
	n := o.calls
	what += fmt.Sprintf(", %d attempt", n)
	if n != 1 {
		what += "s"
	}
	if o.err != nil && (errors.Is(o.err, context.DeadlineExceeded) || errors.Is(o.err, context.Canceled)) {
		what += fmt.Sprintf(", %.1fs", o.elapsed.Seconds())
	}
	if len(o.attempts) >= 2 {
		if gap := o.attempts[1].At.Sub(o.attempts[0].At); gap >= 500*time.Millisecond {
			what += fmt.Sprintf(", %.1fs apart", gap.Seconds())
		}
	}
	return what
}

// causeOf names the cause of a transport failure.
func causeOf(err error) string {
	for _, c := range []struct {
		name string
		err  error
	}{
		{"DeadlineExceeded", context.DeadlineExceeded},
		{"Canceled", context.Canceled},
		{"ErrBodyTooLarge", transport.ErrBodyTooLarge},
		{"ECONNREFUSED", syscall.ECONNREFUSED},
		{"ECONNRESET", syscall.ECONNRESET},
		{"ErrUnexpectedEOF", io.ErrUnexpectedEOF},
		{"EOF", io.EOF},
	} {
		if errors.Is(err, c.err) {
			return c.name
		}
	}
	inner := err
	for {
		u := errors.Unwrap(inner)
		if u == nil {
			break
		}
		inner = u
	}
	msg := inner.Error()
	if len(msg) > 48 {
		msg = msg[:48] + "…"
	}
	return fmt.Sprintf("%q", msg)
}
