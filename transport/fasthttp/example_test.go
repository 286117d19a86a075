package fasthttp_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/valyala/fasthttp"

	"github.com/go-pusher/channels/transport"
	fasthttpdoer "github.com/go-pusher/channels/transport/fasthttp"
)

func ExampleNew() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, r.RequestURI)
	}))
	defer srv.Close()

	// One Doer for the life of the program: it holds the connection pool.
	d := fasthttpdoer.New(fasthttpdoer.WithMaxConnsPerHost(64), fasthttpdoer.WithTimeout(10*time.Second))
	defer d.CloseIdleConnections()

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	// The path is not normalised and the query not re-encoded.
	resp, err := d.Do(ctx, &transport.Request{
		Method: http.MethodGet,
		URL:    srv.URL + "/apps/1/channels/%23server-to-user-1?info=user_count%2Csubscription_count&auth_key=k",
	})
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(resp.StatusCode, string(resp.Body))
	// Output: 200 /apps/1/channels/%23server-to-user-1?info=user_count%2Csubscription_count&auth_key=k
}

func ExampleWithClient() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusAccepted)
	}))
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

	resp, err := d.Do(context.Background(), &transport.Request{Method: http.MethodPost, URL: srv.URL + "/apps/1/events", Body: []byte(`{}`)})
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(resp.StatusCode)
	// Output: 202
}

func ExampleDoer_DoInto() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, `{"n":`+r.URL.Query().Get("n")+`}`)
	}))
	defer srv.Close()

	d := fasthttpdoer.New()
	defer d.CloseIdleConnections()

	// One Response lent to call after call: its body buffer and header map
	// are filled again rather than allocated anew. What a call left in it
	// is the caller's until the next call.
	var resp transport.Response
	for _, n := range []string{"1", "22", "333"} {
		req := &transport.Request{Method: http.MethodGet, URL: srv.URL + "/?n=" + n}
		if err := d.DoInto(context.Background(), req, time.Now().Add(5*time.Second), &resp); err != nil {
			fmt.Println("error:", err)
			return
		}
		fmt.Println(resp.StatusCode, string(resp.Body))
	}
	// Output:
	// 200 {"n":1}
	// 200 {"n":22}
	// 200 {"n":333}
}
