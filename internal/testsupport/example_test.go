package testsupport_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/go-pusher/channels/internal/testsupport"
	"github.com/go-pusher/channels/signing"
)

func ExampleNewServer() {
	srv := testsupport.NewServer()
	defer srv.Close()

	body := `{"name":"greet","channel":"my-channel","data":"{\"hello\":\"world\"}"}`
	url := srv.SignedURL("POST", "/apps/1/events", nil, []byte(body))
	resp, err := srv.Client().Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		fmt.Println(err)
		return
	}
	reply, _ := io.ReadAll(resp.Body)
	resp.Body.Close()

	fmt.Println(resp.StatusCode, string(reply))
	for _, ev := range srv.Events() {
		fmt.Println(ev.Channel, ev.Name, ev.Data)
	}
	// Output:
	// 200 {}
	// my-channel greet {"hello":"world"}
}

func ExampleServer_Subscribe() {
	srv := testsupport.NewServer()
	defer srv.Close()
	_ = srv.Subscribe("presence-room", "1.1", &testsupport.Member{UserID: "ada"})
	_ = srv.Subscribe("presence-room", "1.2", &testsupport.Member{UserID: "bob"})

	resp, err := srv.Client().Get(srv.SignedURL("GET", "/apps/1/channels/presence-room/users", nil, nil))
	if err != nil {
		fmt.Println(err)
		return
	}
	users, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Println(string(users))
	// Output:
	// {"users":[{"id":"ada"},{"id":"bob"}]}
}

func ExampleServer_SignWebhook() {
	srv := testsupport.NewServer()
	defer srv.Close()
	body := []byte(`{"time_ms":1,"events":[{"name":"channel_occupied","channel":"news"}]}`)
	h := srv.SignWebhook(body)

	app := srv.App()
	fmt.Println(h.Get("X-Pusher-Key"), signing.NewSigner(app.Key, app.Secret).VerifyWebhook(body, h.Get("X-Pusher-Signature")))
	// Output:
	// fake-key true
}

func ExampleServer_QueueResponse() {
	srv := testsupport.NewServer()
	defer srv.Close()
	// A Pusher-compatible server that reports an error with status 200.
	srv.QueueResponse(http.StatusOK, `{"error":"Invalid signature","code":401}`)

	resp, err := srv.Client().Get(srv.SignedURL("GET", "/apps/1/channels", nil, nil))
	if err != nil {
		fmt.Println(err)
		return
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Println(resp.StatusCode, string(b))
	// Output:
	// 200 {"error":"Invalid signature","code":401}
}
