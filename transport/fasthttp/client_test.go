package fasthttp_test

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/valyala/fasthttp"
	"go.uber.org/goleak"

	"github.com/go-pusher/channels/transport"
	fasthttpdoer "github.com/go-pusher/channels/transport/fasthttp"
	"github.com/go-pusher/channels/transport/transporttest"
)

// echoURI answers with the request-target it received.
func echoURI(hits *atomic.Int32) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		_, _ = io.WriteString(w, r.RequestURI)
	}
}

// TestStockClientBreaksContract shows why New configures its client as it
// does: a fasthttp.Client with fasthttp's defaults fails the contract on
// exactly the points New switches off.
func TestStockClientBreaksContract(t *testing.T) {
	err := transporttest.TestDoer(func() transport.Doer {
		return fasthttpdoer.New(fasthttpdoer.WithClient(&fasthttp.Client{MaxResponseBodySize: transporttest.MaxBodyBytes}))
	})
	if !errors.Is(err, fasthttpdoer.ErrPathNormalization) || !strings.Contains(err.Error(), "url_sent_byte_for_byte: ") {
		t.Errorf("url_sent_byte_for_byte with path normalisation on: %v, want ErrPathNormalization", err)
	}
	if err == nil || !strings.Contains(err.Error(), "connection_reset_is_error: ") || !strings.Contains(err.Error(), "retried") {
		t.Errorf("connection_reset_is_error with fasthttp's idempotent retries: %v, want a retry failure", err)
	}
}

func TestWithClientRefusesOnlyPathsItWouldRewrite(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(echoURI(&hits))
	defer srv.Close()
	d := fasthttpdoer.New(fasthttpdoer.WithClient(&fasthttp.Client{}))
	defer d.CloseIdleConnections()

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	const plain = "/apps/1/events?auth_key=k&b=2&a=%2C"
	resp, err := d.Do(ctx, &transport.Request{Method: http.MethodPost, URL: srv.URL + plain, Body: []byte(`{}`)})
	if err != nil {
		t.Fatal(err)
	}
	if string(resp.Body) != plain {
		t.Errorf("server saw %q, want %q", resp.Body, plain)
	}
	_, err = d.Do(ctx, &transport.Request{Method: http.MethodGet, URL: srv.URL + "/apps//1/./channels?x=1"})
	if !errors.Is(err, fasthttpdoer.ErrPathNormalization) {
		t.Errorf("path with // and ./: error %v, want ErrPathNormalization", err)
	}
	if n := hits.Load(); n != 1 {
		t.Errorf("server received %d requests, want 1 (the refused one must not be sent)", n)
	}
}

func TestWithHostClientSendsToItsAddr(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(echoURI(&hits))
	defer srv.Close()
	hc := &fasthttp.HostClient{
		Addr:                      strings.TrimPrefix(srv.URL, "http://"),
		DisablePathNormalizing:    true,
		MaxIdemponentCallAttempts: 1,
	}
	d := fasthttpdoer.New(fasthttpdoer.WithHostClient(hc))
	defer d.CloseIdleConnections()

	const target = "/apps/1/channels/%23server-to-user-1?z=1&a=%3B"
	resp, err := d.Do(context.Background(), &transport.Request{Method: http.MethodGet, URL: "http://api.example.test" + target})
	if err != nil {
		t.Fatal(err)
	}
	if string(resp.Body) != target {
		t.Errorf("server saw %q, want %q", resp.Body, target)
	}
}

// TestCancelledCallGoroutineEnds: after Do returns on cancellation, the
// goroutine still running the call ends as soon as the server answers.
func TestCancelledCallGoroutineEnds(t *testing.T) {
	arrived, release := make(chan struct{}), make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(arrived)
		<-release
		_, _ = io.WriteString(w, "late")
	}))
	defer srv.Close()
	d := fasthttpdoer.New()
	defer d.CloseIdleConnections()

	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() {
		_, err := d.Do(ctx, &transport.Request{Method: http.MethodGet, URL: srv.URL + "/hold"})
		errc <- err
	}()
	<-arrived
	cancel()
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	close(release)
	goleak.VerifyNone(t, append(goroutinesFasthttpKeeps, goleak.IgnoreCurrent())...)
}

func TestDialFailureIsErrorWithoutQuery(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	d := fasthttpdoer.New()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err = d.Do(ctx, &transport.Request{Method: http.MethodPost, URL: "http://" + addr + "/apps/1/events?auth_signature=topsecret"})
	if err == nil {
		t.Fatal("no error dialling a closed port")
	}
	if strings.Contains(err.Error(), "topsecret") {
		t.Errorf("error shows the signed query: %v", err)
	}
}

// TestRetryAfterOfAClientKeepingNamesAsReceived: a caller's client that
// keeps the answer's header names as received (DisableHeaderNamesNormalizing)
// may hold "retry-after" on a 200 with an embedded error; lent a Response
// with no header, DoInto still hands it over, under its canonical name.
func TestRetryAfterOfAClientKeepingNamesAsReceived(t *testing.T) {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header()["retry-after"] = []string{"7"} // as written, not canonical
		_, _ = io.WriteString(w, `{"error":"slow down","code":429}`)
	}))
	t.Cleanup(s.Close)
	for _, raw := range []bool{false, true} {
		fc := &fasthttp.Client{DisableHeaderNamesNormalizing: raw}
		d := fasthttpdoer.New(fasthttpdoer.WithClient(fc))
		var lent transport.Response
		err := d.DoInto(context.Background(), &transport.Request{Method: http.MethodGet, URL: s.URL + "/x"}, nil, time.Now().Add(5*time.Second), &lent)
		fc.CloseIdleConnections()
		if err != nil {
			t.Fatalf("DoInto (names as received: %v): %v", raw, err)
		}
		if got := lent.Header.Get("Retry-After"); got != "7" {
			t.Errorf("names as received: %v: Retry-After %q, want 7 (header %v)", raw, got, lent.Header)
		}
	}
}
