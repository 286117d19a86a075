package nethttp_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/transport/nethttp"
)

// channelsServer stands in for the Channels API: it prints each request's
// method and path and answers {}.
func channelsServer() *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Println(r.Method, r.URL.Path)
		_, _ = io.WriteString(w, "{}")
	}))
}

func ExampleNew() {
	srv := channelsServer()
	defer srv.Close()

	// net/http is the default transport; build it yourself to set its body cap.
	d := nethttp.New(nethttp.WithMaxBodyBytes(1 << 20))
	defer d.CloseIdleConnections()

	// In production: pusher.New(appID, key, secret, pusher.WithCluster("eu"),
	// pusher.WithTransport(nethttp.New(…))). The host here is the test server.
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

func ExampleWithHTTPClient() {
	srv := channelsServer()
	defer srv.Close()

	// A client of your own: its transport, timeout and cookie jar are kept;
	// redirects are never followed.
	client := &http.Client{Timeout: 10 * time.Second}
	d := nethttp.New(nethttp.WithHTTPClient(client))
	defer d.CloseIdleConnections()

	c, err := pusher.New("1", "key", "secret", pusher.WithTransport(d),
		pusher.WithHost(strings.TrimPrefix(srv.URL, "http://")), pusher.WithTLS(false))
	if err != nil {
		log.Fatal(err)
	}
	if _, err := c.Channels(context.Background(), pusher.ChannelsOptions{}); err != nil {
		log.Fatal(err)
	}
	// Output: GET /apps/1/channels
}
