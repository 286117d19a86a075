package nethttp_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/go-pusher/channels/transport"
	"github.com/go-pusher/channels/transport/nethttp"
)

func ExampleNew() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"channels":{}}`)
	}))
	defer srv.Close()

	d := nethttp.New(nethttp.WithMaxBodyBytes(1 << 20))
	defer d.CloseIdleConnections()

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	resp, err := d.Do(ctx, &transport.Request{
		Method: http.MethodGet,
		URL:    srv.URL + "/apps/1/channels?auth_key=key&auth_timestamp=1700000000&auth_version=1.0&auth_signature=abc",
	})
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(resp.StatusCode, resp.Header.Get("Content-Type"), string(resp.Body))
	// Output: 200 application/json {"channels":{}}
}

func ExampleWithHTTPClient() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/elsewhere", http.StatusFound)
	}))
	defer srv.Close()

	// The caller's client would follow redirects; the Doer never does.
	client := &http.Client{Timeout: 10 * time.Second}
	d := nethttp.New(nethttp.WithHTTPClient(client))
	defer d.CloseIdleConnections()

	resp, err := d.Do(context.Background(), &transport.Request{Method: http.MethodPost, URL: srv.URL + "/apps/1/events"})
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(resp.StatusCode, resp.Header.Get("Location"))
	// Output: 302 /elsewhere
}

func ExampleDoer_DoInto() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow" {
			<-r.Context().Done() // answers only when the client gives up
			return
		}
		_, _ = io.WriteString(w, `{"path":"`+r.URL.Path+`"}`)
	}))
	defer srv.Close()

	d := nethttp.New()
	defer d.CloseIdleConnections()

	// A Response lent call after call: its body buffer is refilled rather
	// than allocated anew. The deadline bounds each call without the
	// caller deriving a context for it.
	var resp transport.Response
	for _, path := range []string{"/a", "/bb", "/slow"} {
		req := &transport.Request{Method: http.MethodGet, URL: srv.URL + path}
		err := d.DoInto(context.Background(), req, time.Now().Add(200*time.Millisecond), &resp)
		switch {
		case errors.Is(err, context.DeadlineExceeded):
			fmt.Println(path, "cut off by the deadline")
		case err != nil:
			fmt.Println("error:", err)
		default:
			fmt.Println(path, resp.StatusCode, string(resp.Body))
		}
	}
	// Output:
	// /a 200 {"path":"/a"}
	// /bb 200 {"path":"/bb"}
	// /slow cut off by the deadline
}
