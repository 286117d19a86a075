package resty_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/go-resty/resty/v2"

	"github.com/go-pusher/channels/transport"
	restydoer "github.com/go-pusher/channels/transport/resty"
)

func ExampleNew() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, r.RequestURI)
	}))
	defer srv.Close()

	d := restydoer.New()
	defer d.CloseIdleConnections()

	// The query reaches the server exactly as signed: not re-sorted, not re-escaped.
	resp, err := d.Do(context.Background(), &transport.Request{
		Method: http.MethodGet,
		URL:    srv.URL + "/apps/1/channels?z=1&info=user_count%2Csubscription_count&a=2",
	})
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(resp.StatusCode, string(resp.Body))
	// Output: 200 /apps/1/channels?z=1&info=user_count%2Csubscription_count&a=2
}

func ExampleWithClient() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, r.Header.Get("X-Request-Id"))
	}))
	defer srv.Close()

	// A client the program already has, with its own middleware.
	client := resty.New().SetTimeout(10 * time.Second)
	client.OnBeforeRequest(func(_ *resty.Client, r *resty.Request) error {
		r.SetHeader("X-Request-Id", "req-42")
		return nil
	})

	d := restydoer.New(restydoer.WithClient(client), restydoer.WithMaxBodyBytes(1<<20))
	defer d.CloseIdleConnections()

	resp, err := d.Do(context.Background(), &transport.Request{
		Method: http.MethodPost,
		URL:    srv.URL + "/apps/1/events",
		Header: http.Header{"Content-Type": {"application/json"}},
		Body:   []byte(`{"name":"my-event","channels":["my-channel"],"data":"{}"}`),
	})
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(resp.StatusCode, string(resp.Body))
	// Output: 200 req-42
}

func ExampleDoer_DoInto() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.WriteHeader(http.StatusAccepted)
		_, _ = fmt.Fprintf(w, "%d bytes", len(body))
	}))
	defer srv.Close()

	d := restydoer.New()
	defer d.CloseIdleConnections()

	// Each call refills the same lent Response; what a call left in it is
	// the caller's to read until the next one.
	var resp transport.Response
	for _, body := range []string{`{"a":1}`, `{"a":1,"b":2}`} {
		req := &transport.Request{Method: http.MethodPost, URL: srv.URL + "/apps/1/events", Body: []byte(body)}
		if err := d.DoInto(context.Background(), req, time.Now().Add(5*time.Second), &resp); err != nil {
			fmt.Println("error:", err)
			return
		}
		fmt.Println(resp.StatusCode, string(resp.Body))
	}
	// Output:
	// 202 7 bytes
	// 202 13 bytes
}
