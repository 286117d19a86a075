package resty_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-resty/resty/v2"

	"github.com/go-pusher/channels/transport"
	restydoer "github.com/go-pusher/channels/transport/resty"
)

func TestWithClientKeepsCallersMiddlewareAndHeaders(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, r.Header.Get("X-From-Middleware")+"|"+r.Header.Get("X-Client-Default")+"|"+r.RequestURI)
	}))
	defer srv.Close()

	var before, pre atomic.Int32
	c := resty.New()
	c.SetHeader("X-Client-Default", "kept")
	c.OnBeforeRequest(func(_ *resty.Client, r *resty.Request) error {
		before.Add(1)
		r.SetHeader("X-From-Middleware", "yes")
		return nil
	})
	c.SetPreRequestHook(func(*resty.Client, *http.Request) error {
		pre.Add(1)
		return nil
	})
	d := restydoer.New(restydoer.WithClient(c))
	defer d.CloseIdleConnections()

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	const target = "/apps/1/channels?z=1&a=%2C&info=user_count%2Csubscription_count"
	resp, err := d.Do(ctx, &transport.Request{Method: http.MethodGet, URL: srv.URL + target})
	if err != nil {
		t.Fatal(err)
	}
	if want := "yes|kept|" + target; string(resp.Body) != want {
		t.Errorf("server saw %q, want %q", resp.Body, want)
	}
	if before.Load() != 1 || pre.Load() != 1 {
		t.Errorf("middleware ran %d times, pre-request hook %d times; want 1 each", before.Load(), pre.Load())
	}
	if c.RetryCount != 0 {
		t.Errorf("caller's client still retries %d times", c.RetryCount)
	}
}

func TestNewClientHasNoCookieJar(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			http.SetCookie(w, &http.Cookie{Name: "session", Value: "s1", Path: "/"})
		}
		_, _ = io.WriteString(w, r.Header.Get("Cookie"))
	}))
	defer srv.Close()

	d := restydoer.New()
	defer d.CloseIdleConnections()
	for range 2 {
		resp, err := d.Do(context.Background(), &transport.Request{Method: http.MethodGet, URL: srv.URL + "/"})
		if err != nil {
			t.Fatal(err)
		}
		if len(resp.Body) != 0 {
			t.Fatalf("server got cookie %q back: the default client keeps a cookie jar", resp.Body)
		}
	}
}

// TestNewClientAsksForNoGzip: the answers are a few bytes of JSON, so the
// default client sends no Accept-Encoding of its own.
func TestNewClientAsksForNoGzip(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, r.Header.Get("Accept-Encoding"))
	}))
	defer srv.Close()
	d := restydoer.New()
	defer d.CloseIdleConnections()
	resp, err := d.Do(context.Background(), &transport.Request{Method: http.MethodGet, URL: srv.URL + "/"})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Body) != 0 {
		t.Errorf("Accept-Encoding %q sent, want none", resp.Body)
	}
}
