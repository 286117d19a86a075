package fasthttp_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/valyala/fasthttp"

	"github.com/go-pusher/channels/pusher"
	fasthttpdoer "github.com/go-pusher/channels/transport/fasthttp"
)

// channelsServer stands in for the Channels API: it prints each request's
// method and path and answers {}.
func channelsServer() *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Println(r.Method, r.URL.Path, r.Header.Get("User-Agent") != "")
		_, _ = io.WriteString(w, "{}")
	}))
}

func ExampleNew() {
	srv := channelsServer()
	defer srv.Close()

	// One Doer for the life of the program: it holds the connection pool.
	// Close ends its connections, calls still in flight included.
	d := fasthttpdoer.New(fasthttpdoer.WithMaxConnsPerHost(64), fasthttpdoer.WithTimeout(10*time.Second))
	defer d.Close()

	// In production: pusher.New(appID, key, secret, pusher.WithCluster("eu"),
	// pusher.WithTransport(fasthttpdoer.New())). The host here is the test server.
	c, err := pusher.New("1", "key", "secret", pusher.WithTransport(d),
		pusher.WithHost(strings.TrimPrefix(srv.URL, "http://")), pusher.WithTLS(false))
	if err != nil {
		log.Fatal(err)
	}
	if _, err := c.Trigger(context.Background(), "my-channel", "my-event", "hello"); err != nil {
		log.Fatal(err)
	}
	// Output: POST /apps/1/events true
}

func ExampleWithClient() {
	srv := channelsServer()
	defer srv.Close()

	// A caller's client, set up as the transport contract needs.
	client := &fasthttp.Client{
		Name:                      "my-service",
		DisablePathNormalizing:    true,
		MaxIdemponentCallAttempts: 1,
		RetryIfErr:                func(*fasthttp.Request, int, error) (bool, bool) { return false, false },
		MaxResponseBodySize:       1 << 20,
	}
	d := fasthttpdoer.New(fasthttpdoer.WithClient(client), fasthttpdoer.WithMaxBodyBytes(1<<20))
	defer d.CloseIdleConnections()

	c, err := pusher.New("1", "key", "secret", pusher.WithTransport(d),
		pusher.WithHost(strings.TrimPrefix(srv.URL, "http://")), pusher.WithTLS(false))
	if err != nil {
		log.Fatal(err)
	}
	if _, err := c.Channels(context.Background(), pusher.ChannelsOptions{Prefix: "presence-"}); err != nil {
		log.Fatal(err)
	}
	// Output: GET /apps/1/channels true
}
