package transporttest

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"go.uber.org/goleak"

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
	return nethttp.New(append([]nethttp.Option{nethttp.WithMaxBodyBytes(MaxBodyBytes)}, opts...)...)
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
}{{"follows redirects", "redirects_not_followed", broken(func(inner transport.Doer, ctx context.Context, req *transport.Request) (*transport.Response, error) {
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
		return nethttp.New(nethttp.WithMaxBodyBytes(MaxBodyBytes),
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
}

// checkByName finds one of checks.
func checkByName(t *testing.T, name string) check {
	t.Helper()
	for _, c := range checks {
		if c.name == name {
			return c
		}
	}
	t.Fatalf("no check named %q", name)
	return check{}
}

// TestEveryCheckHasABrokenDoer keeps the list above complete.
func TestEveryCheckHasABrokenDoer(t *testing.T) {
	covered := map[string]bool{}
	for _, b := range brokenDoers {
		covered[b.check] = true
	}
	for _, c := range checks {
		if !covered[c.name] {
			t.Errorf("check %s is not shown to catch any broken Doer", c.name)
		}
	}
}

// TestChecksCatchBrokenDoers runs each broken Doer through the check it
// breaks and requires that check to fail. The failure is collected, not
// reported, so the real run stays green.
func TestChecksCatchBrokenDoers(t *testing.T) {
	for _, b := range brokenDoers {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			err := checkByName(t, b.check).verify(b.doer())
			if err == nil {
				t.Fatalf("check %s passed a Doer that %s", b.check, b.name)
			}
			t.Logf("%s caught it: %v", b.check, err)
		})
	}
}

// TestDoerPassesCorrectDoer makes sure the checks fail for the breakage
// and not for everything: a correct Doer passes them all.
func TestDoerPassesCorrectDoer(t *testing.T) {
	if err := TestDoer(func() transport.Doer { return correct() }); err != nil {
		t.Error(err)
	}
}

// TestDoerNamesWhatFailed: the error names each failed check, wraps what
// it found, and reports panics and a nil Doer instead of crashing.
func TestDoerNamesWhatFailed(t *testing.T) {
	panicky := transport.DoerFunc(func(context.Context, *transport.Request) (*transport.Response, error) { panic("boom") })
	err := TestDoer(func() transport.Doer { return panicky })
	if err == nil || !strings.Contains(err.Error(), "methods_and_headers: ") || !strings.Contains(err.Error(), "boom") {
		t.Errorf("panicking Doer: %v, want each check named with the panic", err)
	}
	if err := TestDoer(func() transport.Doer { return nil }); err == nil || !strings.Contains(err.Error(), "nil Doer") {
		t.Errorf("nil Doer: %v", err)
	}
}
