package pushertest_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/pushertest"
	"github.com/go-pusher/channels/signing"
)

func ExampleNewServer() {
	srv := pushertest.NewServer()
	defer srv.Close()
	client, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}
	if _, err := client.Trigger(context.Background(), "my-channel", "greet", map[string]string{"hello": "world"}); err != nil {
		log.Fatal(err)
	}
	for _, ev := range srv.Events() {
		fmt.Println(ev.Channel, ev.Name, ev.Data)
	}
	// Output:
	// my-channel greet {"hello":"world"}
}

func ExampleServer_Client() {
	srv := pushertest.NewServer()
	defer srv.Close()
	// Options given here come after the fake's own.
	client, err := srv.Client(pusher.WithTimeout(time.Second))
	if err != nil {
		log.Fatal(err)
	}
	list, err := client.Channels(context.Background(), pusher.ChannelsOptions{})
	fmt.Println(len(list.Channels), err)
	// Output:
	// 0 <nil>
}

func ExampleServer_PusherURL() {
	srv := pushertest.NewServer()
	defer srv.Close()
	client, err := pusher.FromURL(srv.PusherURL(), pusher.WithTLS(false))
	if err != nil {
		log.Fatal(err)
	}
	_, err = client.Trigger(context.Background(), "news", "headline", "hello")
	fmt.Println(strings.HasPrefix(srv.PusherURL(), "http://fake-key:fake-secret@127.0.0.1:"), err)
	// Output:
	// true <nil>
}

func ExampleServer_URL() {
	srv := pushertest.NewServer()
	defer srv.Close()
	fmt.Println(srv.URL() == "http://"+srv.Host())
	// Output:
	// true
}

func ExampleServer_Host() {
	srv := pushertest.NewServer()
	defer srv.Close()
	app := srv.App()
	// What Client does, spelled out.
	client, err := pusher.New(app.ID, app.Key, app.Secret, pusher.WithHost(srv.Host()), pusher.WithTLS(false))
	if err != nil {
		log.Fatal(err)
	}
	_, err = client.Trigger(context.Background(), "news", "headline", "hello")
	fmt.Println(err)
	// Output:
	// <nil>
}

func ExampleServer_App() {
	srv := pushertest.NewServer()
	defer srv.Close()
	fmt.Println(srv.App())
	// Output:
	// pushertest.App{ID: 1, Key: fake-key, Secret: [REDACTED]}
}

func ExampleDefaultApp() {
	fmt.Println(pushertest.DefaultApp().ID, pushertest.DefaultApp().Key)
	// Output:
	// 1 fake-key
}

func ExampleApp_String() {
	app := pushertest.App{ID: "7", Key: "my-key", Secret: "my-secret"}
	fmt.Println(app)
	// Output:
	// pushertest.App{ID: 7, Key: my-key, Secret: [REDACTED]}
}

func ExampleApp_GoString() {
	app := pushertest.App{ID: "7", Key: "my-key", Secret: "my-secret"}
	fmt.Printf("%#v\n", app)
	// Output:
	// pushertest.App{ID: 7, Key: my-key, Secret: [REDACTED]}
}

func ExampleServer_Close() {
	srv := pushertest.NewServer()
	client, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}
	srv.Close()
	_, err = client.Trigger(context.Background(), "news", "headline", "hello")
	fmt.Println(err != nil)
	// Output:
	// true
}

func ExampleServer_HTTPClient() {
	srv := pushertest.NewServer(pushertest.WithTLS())
	defer srv.Close()
	// Unsigned, so refused; but the TLS handshake succeeded.
	resp, err := srv.HTTPClient().Get(srv.URL() + "/apps/1/channels")
	if err != nil {
		log.Fatal(err)
	}
	resp.Body.Close()
	fmt.Println(resp.StatusCode, resp.TLS != nil)
	// Output:
	// 401 true
}

func ExampleServer_Events() {
	srv := pushertest.NewServer()
	defer srv.Close()
	client, _ := srv.Client()
	ctx := context.Background()
	_, _ = client.TriggerMulti(ctx, []string{"a", "b"}, "e", "data", pusher.ExcludeSocket("1.2"))
	_ = client.SendToUser(ctx, "ada", "receipt", "thanks")
	for _, ev := range srv.Events() {
		fmt.Printf("%+v\n", ev)
	}
	// Output:
	// {Channel:a Name:e Data:data SocketID:1.2}
	// {Channel:b Name:e Data:data SocketID:1.2}
	// {Channel:#server-to-user-ada Name:receipt Data:thanks SocketID:}
}

func ExampleServer_Requests() {
	srv := pushertest.NewServer()
	defer srv.Close()
	client, _ := srv.Client()
	_, _ = client.Trigger(context.Background(), "news", "headline", "hello")
	for _, r := range srv.Requests() {
		fmt.Println(r.Method, r.Path, r.Verified, r.Status, string(r.Body))
	}
	// Output:
	// POST /apps/1/events true 200 {"name":"headline","channels":["news"],"data":"hello"}
}

func ExampleServer_Reset() {
	srv := pushertest.NewServer()
	defer srv.Close()
	client, _ := srv.Client()
	_, _ = client.Trigger(context.Background(), "news", "headline", "hello")
	srv.Reset()
	fmt.Println(len(srv.Events()), len(srv.Requests()))
	// Output:
	// 0 0
}

func ExampleServer_Subscribe() {
	srv := pushertest.NewServer()
	defer srv.Close()
	_ = srv.Subscribe("presence-room", "1.1", &pusher.Member{UserID: "ada"})
	_ = srv.Subscribe("presence-room", "1.2", &pusher.Member{UserID: "grace"})
	_ = srv.Subscribe("news", "1.1", nil)

	client, _ := srv.Client()
	ctx := context.Background()
	users, _ := client.Users(ctx, "presence-room")
	room, _ := client.Channel(ctx, "presence-room", "user_count")
	fmt.Println(users, *room.UserCount)
	fmt.Println(srv.Subscribe("presence-lobby", "1.3", nil))
	// Output:
	// [{ada} {grace}] 2
	// subscribing to presence channel presence-lobby needs a Member
}

func ExampleServer_Unsubscribe() {
	srv := pushertest.NewServer()
	defer srv.Close()
	_ = srv.Subscribe("news", "1.1", nil)
	srv.Unsubscribe("news", "1.1")
	client, _ := srv.Client()
	news, _ := client.Channel(context.Background(), "news")
	fmt.Println(news.Occupied)
	// Output:
	// false
}

func ExampleServer_TerminatedUsers() {
	srv := pushertest.NewServer()
	defer srv.Close()
	_ = srv.Subscribe("presence-room", "1.1", &pusher.Member{UserID: "ada"})
	client, _ := srv.Client()
	ctx := context.Background()
	_ = client.TerminateUserConnections(ctx, "ada")
	room, _ := client.Channel(ctx, "presence-room")
	fmt.Println(srv.TerminatedUsers(), room.Occupied)
	// Output:
	// [ada] false
}

func ExampleServer_QueueResponse() {
	srv := pushertest.NewServer()
	defer srv.Close()
	client, _ := srv.Client()
	ctx := context.Background()
	srv.QueueResponse(http.StatusServiceUnavailable, "try later")
	// A Pusher-compatible server (soketi) that reports an error with status 200.
	srv.QueueResponse(http.StatusOK, `{"error":"Unauthorized","code":"401"}`)

	_, err := client.Trigger(ctx, "news", "headline", "hello")
	fmt.Println(errors.Is(err, pusher.ErrServerError))
	_, err = client.Trigger(ctx, "news", "headline", "hello")
	fmt.Println(errors.Is(err, pusher.ErrUnauthorized))
	_, err = client.Trigger(ctx, "news", "headline", "hello")
	fmt.Println(err, len(srv.Events()))
	// Output:
	// true
	// true
	// <nil> 1
}

func ExampleServer_SignWebhook() {
	srv := pushertest.NewServer()
	defer srv.Close()
	client, _ := srv.Client()
	body := []byte(fmt.Sprintf(`{"time_ms":%d,"events":[{"name":"channel_occupied","channel":"news"}]}`, time.Now().UnixMilli()))
	header := srv.SignWebhook(body)

	wh, err := client.VerifyWebhook(header, body)
	fmt.Println(wh.Events[0].Name, err)
	_, err = client.VerifyWebhook(header, append(body, ' '))
	fmt.Println(errors.Is(err, pusher.ErrWebhookSignature))
	// Output:
	// channel_occupied <nil>
	// true
}

func ExampleServer_NewWebhookRequest() {
	srv := pushertest.NewServer()
	defer srv.Close()
	client, _ := srv.Client()
	// The webhook receiver under test.
	receiver := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		wh, err := client.VerifyWebhook(r.Header, body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusUnauthorized)
			return
		}
		for _, ev := range wh.Events {
			fmt.Println(ev.Name, ev.Channel, ev.UserID)
		}
	})

	req, err := srv.NewWebhookRequest("/pusher/webhook",
		pusher.WebhookEvent{Name: "member_added", Channel: "presence-room", UserID: "ada"})
	if err != nil {
		log.Fatal(err)
	}
	rec := httptest.NewRecorder()
	receiver.ServeHTTP(rec, req)
	fmt.Println(rec.Code)
	// Output:
	// member_added presence-room ada
	// 200
}

func ExampleWithApp() {
	srv := pushertest.NewServer(pushertest.WithApp(pushertest.App{ID: "42", Key: "my-key", Secret: "my-secret"}))
	defer srv.Close()
	client, _ := srv.Client()
	_, err := client.Trigger(context.Background(), "news", "headline", "hello")
	fmt.Println(srv.Requests()[0].Path, err)
	// Output:
	// /apps/42/events <nil>
}

func ExampleWithExtraKey() {
	srv := pushertest.NewServer(pushertest.WithExtraKey("old-key", "old-secret"))
	defer srv.Close()
	// A client still on the key being rotated out.
	old, _ := pusher.New(srv.App().ID, "old-key", "old-secret", pusher.WithHost(srv.Host()), pusher.WithTLS(false))
	_, err := old.Trigger(context.Background(), "news", "headline", "hello")
	fmt.Println(err)
	// Output:
	// <nil>
}

func ExampleWithClock() {
	at := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	srv := pushertest.NewServer(pushertest.WithClock(func() time.Time { return at }))
	defer srv.Close()
	client, _ := srv.Client() // signs with the same clock
	_, err := client.Trigger(context.Background(), "news", "headline", "hello")
	fmt.Println(err, strings.Contains(srv.Requests()[0].RawQuery, fmt.Sprint("auth_timestamp=", at.Unix())))
	// Output:
	// <nil> true
}

func ExampleWithMaxSkew() {
	srv := pushertest.NewServer(pushertest.WithMaxSkew(5 * time.Second))
	defer srv.Close()
	late, _ := srv.Client(pusher.WithClock(func() time.Time { return time.Now().Add(-time.Minute) }))
	_, err := late.Trigger(context.Background(), "news", "headline", "hello")
	fmt.Println(errors.Is(err, pusher.ErrUnauthorized))
	// Output:
	// true
}

func ExampleWithLimits() {
	// A dedicated cluster allowing 20 KiB of data.
	srv := pushertest.NewServer(pushertest.WithLimits(pusher.Limits{MaxDataBytes: 20 << 10}))
	defer srv.Close()
	client, _ := srv.Client(pusher.WithLimits(pusher.Limits{MaxDataBytes: 30 << 10, MaxChannelsPerTrigger: 100, MaxEventsPerBatch: 10}))
	ctx := context.Background()
	_, err := client.Trigger(ctx, "news", "big", strings.Repeat("x", 15<<10))
	fmt.Println(err)
	_, err = client.Trigger(ctx, "news", "bigger", strings.Repeat("x", 25<<10))
	fmt.Println(errors.Is(err, pusher.ErrPayloadTooLarge))
	// Output:
	// <nil>
	// true
}

func ExampleWithTLS() {
	srv := pushertest.NewServer(pushertest.WithTLS())
	defer srv.Close()
	client, _ := srv.Client() // trusts the fake's certificate
	_, err := client.Trigger(context.Background(), "news", "headline", "hello")
	fmt.Println(strings.HasPrefix(srv.URL(), "https://"), err)
	// Output:
	// true <nil>
}

func ExampleWithEncryptionMasterKeyBase64() {
	const masterKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=" // base64 of 32 bytes
	srv := pushertest.NewServer(pushertest.WithEncryptionMasterKeyBase64(masterKey))
	defer srv.Close()
	client, _ := srv.Client() // encrypts with the same key
	_, err := client.Trigger(context.Background(), "private-encrypted-orders", "paid", `{"id":7}`)
	fmt.Println(err, srv.Events()[0].Data)
	fmt.Println(strings.Contains(string(srv.Requests()[0].Body), "ciphertext"))
	// Output:
	// <nil> {"id":7}
	// true
}

func ExampleWithLatency() {
	srv := pushertest.NewServer(pushertest.WithLatency(time.Second))
	defer srv.Close()
	client, _ := srv.Client(pusher.WithTimeout(50 * time.Millisecond))
	_, err := client.Trigger(context.Background(), "news", "headline", "hello")
	fmt.Println(errors.Is(err, context.DeadlineExceeded))
	// Output:
	// true
}

func ExampleWithIdempotencyKeys() {
	srv := pushertest.NewServer(pushertest.WithIdempotencyKeys(120 * time.Second))
	defer srv.Close()
	app := srv.App()
	signer := signing.NewSigner(app.Key, app.Secret)
	body := `{"name":"e","channel":"news","data":"once"}`
	// A trigger sent twice with the same key, as a retry would.
	for range 2 {
		query := signer.AppendQuery(nil, http.MethodPost, "/apps/1/events", nil, []byte(body), time.Now().Unix())
		req, _ := http.NewRequest(http.MethodPost, srv.URL()+"/apps/1/events?"+string(query), strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Idempotency-Key", "order-42")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			log.Fatal(err)
		}
		resp.Body.Close()
		fmt.Println(resp.StatusCode)
	}
	fmt.Println(len(srv.Events()))
	// Output:
	// 200
	// 200
	// 1
}
