package contract_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/go-pusher/channels/internal/testsupport/contract"
	"github.com/go-pusher/channels/transport"
	"github.com/go-pusher/channels/transport/nethttp"
)

// TestMain fails the package if a check leaves a goroutine behind.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// wrapped is a Doer built around a correct one, passing idle-connection
// cleanup through so the checks leave nothing running.
type wrapped struct {
	inner *nethttp.Doer
	do    func(inner transport.Doer, ctx context.Context, req *transport.Request) (*transport.Response, error)
}

func (w wrapped) Do(ctx context.Context, req *transport.Request) (*transport.Response, error) {
	return w.do(w.inner, ctx, req)
}

func (w wrapped) CloseIdleConnections() { w.inner.CloseIdleConnections() }

func correct(opts ...nethttp.Option) *nethttp.Doer {
	return nethttp.New(append([]nethttp.Option{nethttp.WithMaxBodyBytes(contract.TestMaxBodyBytes)}, opts...)...)
}

func broken(do func(inner transport.Doer, ctx context.Context, req *transport.Request) (*transport.Response, error)) func() transport.Doer {
	return func() transport.Doer { return wrapped{inner: correct(), do: do} }
}

// brokenDoers each break one promise of the contract, named by the check
// that must catch it.
var brokenDoers = []struct {
	name  string
	check string
	doer  func() transport.Doer
}{
	{"follows redirects", "redirects_not_followed", broken(func(inner transport.Doer, ctx context.Context, req *transport.Request) (*transport.Response, error) {
		resp, err := inner.Do(ctx, req)
		for hops := 0; err == nil && hops < 5 && resp.StatusCode/100 == 3; hops++ {
			base, _ := url.Parse(req.URL)
			next, perr := base.Parse(resp.Header.Get("Location"))
			if perr != nil {
				return nil, perr
			}
			resp, err = inner.Do(ctx, &transport.Request{Method: http.MethodGet, URL: next.String()})
		}
		return resp, err
	})},
	{"re-sorts the query", "url_sent_byte_for_byte", broken(func(inner transport.Doer, ctx context.Context, req *transport.Request) (*transport.Response, error) {
		u, err := url.Parse(req.URL)
		if err != nil {
			return nil, err
		}
		u.RawQuery = u.Query().Encode()
		return inner.Do(ctx, &transport.Request{Method: req.Method, URL: u.String(), Header: req.Header, Body: req.Body})
	})},
	{"ignores ctx (deadline)", "ctx_deadline", broken(func(inner transport.Doer, _ context.Context, req *transport.Request) (*transport.Response, error) {
		return inner.Do(context.Background(), req)
	})},
	{"ignores ctx (cancel)", "ctx_cancel_in_flight", broken(func(inner transport.Doer, _ context.Context, req *transport.Request) (*transport.Response, error) {
		return inner.Do(context.Background(), req)
	})},
	{"returns an error on 5xx", "error_statuses_are_responses", broken(func(inner transport.Doer, ctx context.Context, req *transport.Request) (*transport.Response, error) {
		resp, err := inner.Do(ctx, req)
		if err == nil && resp.StatusCode >= 500 {
			return nil, fmt.Errorf("server error %d", resp.StatusCode)
		}
		return resp, err
	})},
	{"retries on error", "connection_reset_is_error", broken(func(inner transport.Doer, ctx context.Context, req *transport.Request) (*transport.Response, error) {
		resp, err := inner.Do(ctx, req)
		if err != nil {
			return inner.Do(ctx, req)
		}
		return resp, err
	})},
	{"shares one body buffer", "response_owned_by_caller", func() transport.Doer {
		shared := make([]byte, 0, 1<<16)
		return wrapped{inner: correct(), do: func(inner transport.Doer, ctx context.Context, req *transport.Request) (*transport.Response, error) {
			resp, err := inner.Do(ctx, req)
			if err == nil {
				shared = append(shared[:0], resp.Body...)
				resp.Body = shared
			}
			return resp, err
		}}
	}},
	{"writes to the request", "request_left_untouched", func() transport.Doer {
		// Calls are serialised so the race detector stays quiet and the
		// check's own comparison is what catches the write.
		var mu sync.Mutex
		return wrapped{inner: correct(), do: func(inner transport.Doer, ctx context.Context, req *transport.Request) (*transport.Response, error) {
			mu.Lock()
			defer mu.Unlock()
			req.Header.Set("X-Added-By-Doer", "1")
			return inner.Do(ctx, req)
		}}
	}},
	{"panics on a nil request", "bad_input_is_error", broken(func(inner transport.Doer, ctx context.Context, req *transport.Request) (*transport.Response, error) {
		_ = req.URL // nil dereference
		return inner.Do(ctx, req)
	})},
	{"quotes the URL in errors", "errors_hide_signed_query", broken(func(inner transport.Doer, ctx context.Context, req *transport.Request) (*transport.Response, error) {
		resp, err := inner.Do(ctx, req)
		if err != nil {
			return nil, fmt.Errorf("%s %s: %w", req.Method, req.URL, err)
		}
		return resp, nil
	})},
	{"has no body cap", "body_cap", func() transport.Doer { return nethttp.New(nethttp.WithMaxBodyBytes(1 << 30)) }},
	{"opens a connection per call", "connection_reuse", func() transport.Doer {
		return nethttp.New(nethttp.WithMaxBodyBytes(contract.TestMaxBodyBytes),
			nethttp.WithHTTPClient(&http.Client{Transport: &http.Transport{DisableKeepAlives: true}}))
	}},
	{"sends a done ctx anyway", "ctx_cancelled_before_send", broken(func(inner transport.Doer, ctx context.Context, req *transport.Request) (*transport.Response, error) {
		_, _ = inner.Do(context.Background(), req)
		return nil, ctx.Err()
	})},
	{"merges repeated headers", "methods_and_headers", broken(func(inner transport.Doer, ctx context.Context, req *transport.Request) (*transport.Response, error) {
		h := http.Header{}
		for k, v := range req.Header {
			h.Set(k, strings.Join(v, ", "))
		}
		return inner.Do(ctx, &transport.Request{Method: req.Method, URL: req.URL, Header: h, Body: req.Body})
	})},
	{"drops empty bodies' length", "request_and_response_bodies", broken(func(inner transport.Doer, ctx context.Context, req *transport.Request) (*transport.Response, error) {
		resp, err := inner.Do(ctx, req)
		if err == nil && len(resp.Body) > 100 {
			resp.Body = resp.Body[:100]
		}
		return resp, err
	})},
	{"keeps the lent header's fields", "into_replaces_lent_response", brokenInto(func(inner transport.Doer, ctx context.Context, req *transport.Request, resp *transport.Response) error {
		got, err := inner.Do(ctx, req)
		if err != nil {
			return err
		}
		if resp.Header == nil {
			resp.Header = http.Header{}
		}
		for k, v := range got.Header {
			resp.Header[k] = v
		}
		resp.StatusCode, resp.Body = got.StatusCode, got.Body
		return nil
	})},
	{"ignores its deadline", "into_deadline", func() transport.Doer {
		return ignoresDeadline{intoDoer{inner: correct()}}
	}},
	{"writes the lent Response after returning", "into_leaves_lent_response_after_return", brokenInto(func(inner transport.Doer, ctx context.Context, req *transport.Request, resp *transport.Response) error {
		done := make(chan *transport.Response, 1)
		go func() {
			got, _ := inner.Do(context.Background(), req)
			done <- got
		}()
		select {
		case got := <-done:
			*resp = *got
			return nil
		case <-ctx.Done():
			// Wrong: the answer still lands in resp once it comes.
			go func() {
				if got := <-done; got != nil {
					*resp = *got
				}
			}()
			return ctx.Err()
		}
	})},
	{"panics on a nil Response", "into_nil_response_is_error", brokenInto(func(inner transport.Doer, ctx context.Context, req *transport.Request, resp *transport.Response) error {
		got, err := inner.Do(ctx, req)
		if err != nil {
			return err
		}
		*resp = *got // nil dereference
		return nil
	})},
}

// checkByName finds one of contract.Checks.
func checkByName(t *testing.T, name string) contract.Check {
	t.Helper()
	for _, c := range append(contract.Checks(), contract.ReusingChecks()...) {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no check named %q", name)
	return contract.Check{}
}

// TestEveryCheckHasABrokenDoer keeps the list above complete.
func TestEveryCheckHasABrokenDoer(t *testing.T) {
	covered := map[string]bool{}
	for _, b := range brokenDoers {
		covered[b.check] = true
	}
	for _, c := range append(contract.Checks(), contract.ReusingChecks()...) {
		if !covered[c.Name] {
			t.Errorf("check %s is not shown to catch any broken Doer", c.Name)
		}
	}
}

// racyByDesign names the broken Doers whose breakage is a data race: the
// race detector would fail the test binary on the very write the check
// catches, so under -race they are skipped, and scripts/test.sh runs
// TestChecksCatchBrokenDoers without -race too.
var racyByDesign = map[string]bool{"writes the lent Response after returning": true}

// TestChecksCatchBrokenDoers runs each broken Doer through the check it
// breaks and requires that check to fail. The failure is collected, not
// reported, so the real run stays green.
func TestChecksCatchBrokenDoers(t *testing.T) {
	for _, b := range brokenDoers {
		t.Run(b.name, func(t *testing.T) {
			if racyByDesign[b.name] && raceEnabled {
				t.Skip("a data race by design: run without -race")
			}
			t.Parallel()
			err := checkByName(t, b.check).Verify(b.doer())
			if err == nil {
				t.Fatalf("check %s passed a Doer that %s", b.check, b.name)
			}
			t.Logf("%s caught it: %v", b.check, err)
		})
	}
}

// TestChecksPassCorrectDoer makes sure the checks above fail for the
// breakage and not for everything: a correct Doer passes them all.
func TestChecksPassCorrectDoer(t *testing.T) {
	for _, c := range contract.Checks() {
		if err := c.Verify(correct()); err != nil {
			t.Errorf("%s: %v", c.Name, err)
		}
	}
}

// TestVerifyReportsPanicsAndNil: a Doer that panics, or none at all, is a
// failure of the check, not of the test binary.
func TestVerifyReportsPanicsAndNil(t *testing.T) {
	check := checkByName(t, "methods_and_headers")
	panicky := transport.DoerFunc(func(context.Context, *transport.Request) (*transport.Response, error) { panic("boom") })
	if err := check.Verify(panicky); err == nil || !strings.Contains(err.Error(), "boom") {
		t.Errorf("panicking Doer: %v, want an error naming the panic", err)
	}
	if err := check.Verify(nil); err == nil {
		t.Error("nil Doer passed")
	}
}

// intoDoer is a correct ReusingDoer built on a correct Doer: DoInto copies
// Do's answer into the lent Response, bounded by the deadline too. The
// broken ones below each change one thing about it.
type intoDoer struct {
	inner *nethttp.Doer
	into  func(inner transport.Doer, ctx context.Context, req *transport.Request, resp *transport.Response) error
}

func (d intoDoer) Do(ctx context.Context, req *transport.Request) (*transport.Response, error) {
	return d.inner.Do(ctx, req)
}

func (d intoDoer) DoInto(ctx context.Context, req *transport.Request, deadline time.Time, resp *transport.Response) error {
	if !deadline.IsZero() {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, deadline)
		defer cancel()
	}
	if d.into != nil {
		return d.into(d.inner, ctx, req, resp)
	}
	if resp == nil {
		return errors.New("nil Response")
	}
	got, err := d.inner.Do(ctx, req)
	if err != nil {
		return err
	}
	*resp = *got
	return nil
}

func (d intoDoer) CloseIdleConnections() { d.inner.CloseIdleConnections() }

func brokenInto(into func(inner transport.Doer, ctx context.Context, req *transport.Request, resp *transport.Response) error) func() transport.Doer {
	return func() transport.Doer { return intoDoer{inner: correct(), into: into} }
}

// ignoresDeadline is a ReusingDoer that drops DoInto's deadline.
type ignoresDeadline struct{ intoDoer }

func (d ignoresDeadline) DoInto(ctx context.Context, req *transport.Request, _ time.Time, resp *transport.Response) error {
	return d.intoDoer.DoInto(ctx, req, time.Time{}, resp)
}

// TestRunReusingPassesCorrectDoer: the reference ReusingDoer above passes
// every check, both the ones run through DoInto and DoInto's own.
func TestRunReusingPassesCorrectDoer(t *testing.T) {
	contract.RunReusing(t, func(t *testing.T) contract.ReusingDoer {
		d := intoDoer{inner: correct()}
		t.Cleanup(d.CloseIdleConnections)
		return d
	})
}

// TestReusingChecksRefusePlainDoer: a Doer without DoInto fails them
// (the reference adapter behind only its Do, as it has DoInto too).
func TestReusingChecksRefusePlainDoer(t *testing.T) {
	plain := broken(func(inner transport.Doer, ctx context.Context, req *transport.Request) (*transport.Response, error) {
		return inner.Do(ctx, req)
	})
	for _, c := range contract.ReusingChecks() {
		if err := c.Verify(plain()); err == nil {
			t.Errorf("%s passed a Doer that is not a ReusingDoer", c.Name)
		}
	}
}
