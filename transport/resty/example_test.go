package resty_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/go-resty/resty/v2"

	"github.com/go-pusher/channels/pusher"
	restydoer "github.com/go-pusher/channels/transport/resty"
)

// channelsServer stands in for the Channels API: it prints each request's
// method, path and X-Request-Id header, and answers {}.
func channelsServer() *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Println(r.Method, r.URL.Path, r.Header.Get("X-Request-Id"))
		_, _ = io.WriteString(w, "{}")
	}))
}

func ExampleNew() {
	srv := channelsServer()
	defer srv.Close()

	d := restydoer.New()
	defer d.CloseIdleConnections()

	// In production: pusher.New(appID, key, secret, pusher.WithCluster("eu"),
	// pusher.WithTransport(restydoer.New())). The host here is the test server.
	c, err := pusher.New("1", "key", "secret", pusher.WithTransport(d),
		pusher.WithHost(strings.TrimPrefix(srv.URL, "http://")), pusher.WithTLS(false))
	if err != nil {
		log.Fatal(err)
	}
	if _, err := c.Trigger(context.Background(), "my-channel", "my-event", "hello"); err != nil {
		log.Fatal(err)
	}
	// Output: POST /apps/1/events
}

func ExampleWithClient() {
	srv := channelsServer()
	defer srv.Close()

	// A client the program already has, with its own middleware.
	client := resty.New().SetTimeout(10 * time.Second)
	client.OnBeforeRequest(func(_ *resty.Client, r *resty.Request) error {
		r.SetHeader("X-Request-Id", "req-42")
		return nil
	})
	d := restydoer.New(restydoer.WithClient(client), restydoer.WithMaxBodyBytes(1<<20))
	defer d.CloseIdleConnections()

	c, err := pusher.New("1", "key", "secret", pusher.WithTransport(d),
		pusher.WithHost(strings.TrimPrefix(srv.URL, "http://")), pusher.WithTLS(false))
	if err != nil {
		log.Fatal(err)
	}
	if _, err := c.Trigger(context.Background(), "my-channel", "my-event", "hello"); err != nil {
		log.Fatal(err)
	}
	// Output: POST /apps/1/events req-42
}
