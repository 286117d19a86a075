package pusher_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/url"
	"os"
	"time"

	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/pushertest"
)

// The examples that talk to the API run against pushertest's fake of the
// Channels HTTP API (srv.Client() is pusher.New with the fake's app, host
// and WithTLS(false)); against the real service, call New with your app's
// credentials, or FromURL / FromEnv.

func ExampleNew() {
	c, err := pusher.New("123", "app-key", "app-secret",
		pusher.WithCluster("eu"),
		pusher.WithTimeout(3*time.Second),
	)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(c) // never shows the secret
	// Output: pusher.Client{app: 123, key: app-key, endpoint: https://api-eu.pusher.com, secret: [redacted]}
}

func ExampleFromURL() {
	c, err := pusher.FromURL("https://app-key:app-secret@api-eu.pusher.com/apps/123")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(c.AppID(), c.Key())

	_, err = pusher.FromURL("https://app-key@api-eu.pusher.com/apps/123")
	fmt.Println(err)
	// Output:
	// 123 app-key
	// pusher: bad config url: no secret in user info
}

func ExampleFromEnv() {
	srv := pushertest.NewServer()
	defer srv.Close()
	os.Setenv(pusher.EnvURL, srv.PusherURL())
	defer os.Unsetenv(pusher.EnvURL)

	c, err := pusher.FromEnv()
	if err != nil {
		log.Fatal(err)
	}
	if _, err := c.Trigger(context.Background(), "greetings", "hello", "from the environment"); err != nil {
		log.Fatal(err)
	}
	fmt.Println(srv.Events()[0].Data)
	// Output: from the environment
}

func ExampleClient_Trigger() {
	srv := pushertest.NewServer()
	defer srv.Close()
	c, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}

	type message struct {
		Text string `json:"text"`
	}
	ctx := context.Background()
	// A struct is JSON-encoded; a string, []byte or json.RawMessage is sent as it is.
	if _, err := c.Trigger(ctx, "chat", "message", message{Text: "hi"}, pusher.ExcludeSocket("123.456")); err != nil {
		log.Fatal(err)
	}
	if _, err := c.Trigger(ctx, "chat", "typing", "ada"); err != nil {
		log.Fatal(err)
	}
	for _, ev := range srv.Events() {
		fmt.Printf("%s %s %s excluded=%q\n", ev.Channel, ev.Name, ev.Data, ev.SocketID)
	}
	// Output:
	// chat message {"text":"hi"} excluded="123.456"
	// chat typing ada excluded=""
}

func ExampleClient_TriggerMulti() {
	srv := pushertest.NewServer()
	defer srv.Close()
	c, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}
	_ = srv.Subscribe("news", "1.1", nil) // one subscriber, for the example

	res, err := c.TriggerMulti(context.Background(), []string{"news", "sports"}, "headline", "Go 2 released",
		pusher.WithInfo("subscription_count"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("news:", *res.Channels["news"].SubscriptionCount)
	fmt.Println("sports:", *res.Channels["sports"].SubscriptionCount)
	// Output:
	// news: 1
	// sports: 0
}

func ExampleClient_TriggerBatch() {
	srv := pushertest.NewServer()
	defer srv.Close()
	c, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}

	_, err = c.TriggerBatch(context.Background(), []pusher.Event{
		{Channel: "orders", Name: "created", Data: map[string]int{"id": 1}},
		{Channel: "stock", Name: "changed", Data: `{"sku":"A1","left":3}`},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, ev := range srv.Events() {
		fmt.Println(ev.Channel, ev.Name, ev.Data)
	}
	// Output:
	// orders created {"id":1}
	// stock changed {"sku":"A1","left":3}
}

func ExampleClient_SendToUser() {
	srv := pushertest.NewServer()
	defer srv.Close()
	c, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}

	if err := c.SendToUser(context.Background(), "user-42", "notice", "your export is ready"); err != nil {
		log.Fatal(err)
	}
	fmt.Println(srv.Events()[0].Channel)
	// Output: #server-to-user-user-42
}

func ExampleClient_Channels() {
	srv := pushertest.NewServer()
	defer srv.Close()
	c, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}
	_ = srv.Subscribe("presence-lobby", "1.1", &pusher.Member{UserID: "ada"})
	_ = srv.Subscribe("presence-lobby", "1.2", &pusher.Member{UserID: "grace"})

	list, err := c.Channels(context.Background(), pusher.ChannelsOptions{Prefix: "presence-", Info: []string{"user_count"}})
	if err != nil {
		log.Fatal(err)
	}
	for name, attrs := range list.Channels {
		fmt.Println(name, *attrs.UserCount)
	}
	// Output: presence-lobby 2
}

func ExampleClient_Channel() {
	srv := pushertest.NewServer()
	defer srv.Close()
	c, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}
	_ = srv.Subscribe("updates", "1.1", nil)

	attrs, err := c.Channel(context.Background(), "updates", "subscription_count")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(attrs.Occupied, *attrs.SubscriptionCount)
	// Output: true 1
}

func ExampleClient_Users() {
	srv := pushertest.NewServer()
	defer srv.Close()
	c, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}
	_ = srv.Subscribe("presence-lobby", "1.1", &pusher.Member{UserID: "ada"})
	_ = srv.Subscribe("presence-lobby", "1.2", &pusher.Member{UserID: "grace"})

	users, err := c.Users(context.Background(), "presence-lobby")
	if err != nil {
		log.Fatal(err)
	}
	for _, u := range users {
		fmt.Println(u.ID)
	}
	// Output:
	// ada
	// grace
}

func ExampleClient_TerminateUserConnections() {
	srv := pushertest.NewServer()
	defer srv.Close()
	c, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}

	if err := c.TerminateUserConnections(context.Background(), "user-42"); err != nil {
		log.Fatal(err)
	}
	r := srv.Requests()[0]
	fmt.Println(r.Method, r.Path)
	// Output: POST /apps/1/users/user-42/terminate_connections
}

func ExampleClient_AuthorizeChannel() {
	// The credentials of Pusher's auth-signatures worked example.
	c, err := pusher.New("3", "278d425bdf160c739803", "7ad3773142a6692b25b8")
	if err != nil {
		log.Fatal(err)
	}
	// In an HTTP handler, socket_id and channel_name come from pusher-js's
	// form post; check that the signed-in user may subscribe first.
	auth, err := c.AuthorizeChannel("1234.1234", "private-foobar")
	if err != nil {
		log.Fatal(err) // in a handler: 403
	}
	body, _ := json.Marshal(auth) // write this as the response
	fmt.Println(string(body))
	// Output: {"auth":"278d425bdf160c739803:58df8b0c36d6982b82c3ecf6b4662e34fe8c25bba48f5369f135bf843651c3a4"}
}

func ExampleClient_AuthorizeChannel_encrypted() {
	c, err := pusher.New("3", "278d425bdf160c739803", "7ad3773142a6692b25b8",
		pusher.WithEncryptionMasterKeyBase64("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="))
	if err != nil {
		log.Fatal(err)
	}
	auth, err := c.AuthorizeChannel("1234.1234", "private-encrypted-foobar")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(auth.SharedSecret != "") // the channel key pusher-js decrypts with
	// Output: true
}

func ExampleClient_AuthorizePresenceChannel() {
	c, err := pusher.New("3", "278d425bdf160c739803", "7ad3773142a6692b25b8")
	if err != nil {
		log.Fatal(err)
	}
	auth, err := c.AuthorizePresenceChannel("1234.1234", "presence-foobar",
		pusher.Member{UserID: "10", UserInfo: map[string]string{"name": "Mr. Channels"}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(auth.ChannelData)
	// Output: {"user_id":"10","user_info":{"name":"Mr. Channels"}}
}

func ExampleClient_AuthenticateUser() {
	c, err := pusher.New("3", "278d425bdf160c739803", "7ad3773142a6692b25b8")
	if err != nil {
		log.Fatal(err)
	}
	ua, err := c.AuthenticateUser("1234.1234", pusher.User{ID: "12345"})
	if err != nil {
		log.Fatal(err)
	}
	body, _ := json.Marshal(ua)
	fmt.Println(string(body))
	// Output: {"auth":"278d425bdf160c739803:4708d583dada6a56435fb8bc611c77c359a31eebde13337c16ab43aa6de336ba","user_data":"{\"id\":\"12345\"}"}
}

func ExampleClient_VerifyWebhook() {
	srv := pushertest.NewServer()
	defer srv.Close()
	app := srv.App()
	c, err := pusher.New(app.ID, app.Key, app.Secret, pusher.WithWebhookMaxAge(5*time.Minute))
	if err != nil {
		log.Fatal(err)
	}

	// What Channels POSTs to your webhook URL, here signed by the fake.
	body := fmt.Appendf(nil, `{"time_ms":%d,"events":[{"name":"member_added","channel":"presence-lobby","user_id":"ada"}]}`,
		time.Now().UnixMilli())
	header := srv.SignWebhook(body)

	// In an http.Handler: body, _ := io.ReadAll(r.Body); c.VerifyWebhook(r.Header, body)
	wh, err := c.VerifyWebhook(header, body)
	if err != nil {
		log.Fatal(err) // in a handler: 401
	}
	for _, e := range wh.Events {
		fmt.Println(e.Name, e.Channel, e.UserID)
	}

	_, err = c.VerifyWebhook(header, append(body, ' '))
	fmt.Println(err)
	// Output:
	// member_added presence-lobby ada
	// pusher: webhook signature invalid
}

func ExampleClient_Get() {
	srv := pushertest.NewServer()
	defer srv.Close()
	c, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}
	_ = srv.Subscribe("updates", "1.1", nil)

	// A signed GET of /apps/{id}/channels/updates, for endpoints or
	// attributes the client does not wrap.
	body, err := c.Get(context.Background(), "/channels/updates", url.Values{"info": {"subscription_count"}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(body))
	// Output: {"occupied":true,"subscription_count":1}
}

func ExampleClient_SignedQuery() {
	c, err := pusher.New("3", "278d425bdf160c739803", "7ad3773142a6692b25b8",
		pusher.WithClock(func() time.Time { return time.Unix(1353088179, 0) }))
	if err != nil {
		log.Fatal(err)
	}
	// Pusher's REST worked example: send the request yourself to
	// https://api-<cluster>.pusher.com/apps/3/events?<query>.
	body := []byte(`{"name":"foo","channels":["project-3"],"data":"{\"some\":\"data\"}"}`)
	q, err := c.SignedQuery(http.MethodPost, "/events", nil, body)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(q)
	// Output: auth_key=278d425bdf160c739803&auth_timestamp=1353088179&auth_version=1.0&body_md5=ec365a775a4cd0599faeb73354201b6f&auth_signature=da454824c97ba181a32ccc17a72625ba02771f50b50e1e7430e47a1f3f457e6c
}

func ExampleWithRetry() {
	srv := pushertest.NewServer()
	defer srv.Close()
	c, err := srv.Client(
		pusher.WithRetry(pusher.RetryPolicy{
			MaxAttempts: 3,
			Backoff:     pusher.ExponentialBackoff(10*time.Millisecond, 100*time.Millisecond),
			// RetryIf defaults to RetryIdempotent: GETs on 5xx, triggers only
			// when they cannot have been delivered.
		}))
	if err != nil {
		log.Fatal(err)
	}
	srv.QueueResponse(http.StatusServiceUnavailable, "try again") // the next answer is a 503

	if _, err := c.Channels(context.Background(), pusher.ChannelsOptions{}); err != nil {
		log.Fatal(err)
	}
	for _, r := range srv.Requests() {
		fmt.Println(r.Method, r.Path, r.Status)
	}
	// Output:
	// GET /apps/1/channels 503
	// GET /apps/1/channels 200
}

func ExampleAPIError() {
	srv := pushertest.NewServer()
	defer srv.Close()
	app := srv.App()
	c, err := pusher.New(app.ID, app.Key, "a-wrong-secret", pusher.WithHost(srv.Host()), pusher.WithTLS(false))
	if err != nil {
		log.Fatal(err)
	}

	_, err = c.Trigger(context.Background(), "chat", "message", "hi")
	var apiErr *pusher.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.Method, apiErr.Path, apiErr.StatusCode, errors.Is(err, pusher.ErrUnauthorized))
	}
	// Output: POST /apps/1/events 401 true
}

func ExampleClient_Post() {
	srv := pushertest.NewServer()
	defer srv.Close()
	c, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}
	// A signed POST of a body you built yourself to /apps/{id}/events.
	body, err := c.Post(context.Background(), "/events", []byte(`{"name":"raw","channels":["a"],"data":"built by hand"}`))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(body), srv.Events()[0].Data)
	// Output: {} built by hand
}

func ExampleClient_VerifyWebhookSignature() {
	c, err := pusher.New("1", "app-key", "app-secret")
	if err != nil {
		log.Fatal(err)
	}
	// For servers that are not net/http: pass the X-Pusher-Key and
	// X-Pusher-Signature header values and the raw body.
	body := []byte(`{"time_ms":1700000000000,"events":[{"name":"channel_vacated","channel":"news"}]}`)
	_, err = c.VerifyWebhookSignature("app-key", "0000000000000000000000000000000000000000000000000000000000000000", body)
	fmt.Println(err)
	_, err = c.VerifyWebhookSignature("other-key", "00", body)
	fmt.Println(err)
	// Output:
	// pusher: webhook signature invalid
	// pusher: webhook key unknown
}
