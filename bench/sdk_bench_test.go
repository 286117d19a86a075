package bench_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/go-pusher/channels/bench/internal/load"
	"github.com/go-pusher/channels/internal/fastpath"
	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/signing"
	"github.com/go-pusher/channels/transport"
)

// okResponse is the stub transport's answer to every trigger: what the
// service answers, 200 with {}.
var okResponse = &transport.Response{
	StatusCode: http.StatusOK,
	Header:     http.Header{"Content-Type": {"application/json"}},
	Body:       []byte("{}"),
}

// stubDoer answers every request with okResponse without any I/O, so a
// benchmark through it measures the SDK's own cost: validation, encoding,
// signing, building the request and reading the answer.
var stubDoer = transport.DoerFunc(func(context.Context, *transport.Request) (*transport.Response, error) {
	return okResponse, nil
})

// reusingStub is the stub transport with the fast path (DoInto), as the
// fasthttp adapter has: the client lends it a pooled
// Response and passes its timeout as a deadline, so no per-call context,
// timer or Response is made. It copies okResponse into the lent Response
// as an adapter copies an answer, leaving out a success's header when
// lent none, as the fasthttp adapter does.
type reusingStub struct{}

func (reusingStub) Do(context.Context, *transport.Request) (*transport.Response, error) {
	return okResponse, nil
}

func (reusingStub) DoInto(_ context.Context, _ *transport.Request, _ *fastpath.Header, _ time.Time, resp *transport.Response) error {
	resp.StatusCode = okResponse.StatusCode
	resp.Body = append(resp.Body[:0], okResponse.Body...)
	return nil
}

// newStubClient returns a client on the stub transport; opts come after
// the defaults.
func newStubClient(b *testing.B, opts ...pusher.Option) *pusher.Client {
	b.Helper()
	c, err := pusher.New(load.AppID, load.Key, load.Secret, append([]pusher.Option{pusher.WithTransport(stubDoer)}, opts...)...)
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// message is the struct data of the struct-data benchmarks: about the
// size of the harness's 100-byte payload once encoded.
type message struct {
	Message string `json:"message"`
	From    string `json:"from"`
	Seq     int    `json:"seq"`
}

func structData() message {
	return message{Message: "hello from the benchmark, this is a short chat line", From: "user-42", Seq: 1234567}
}

// dataKinds are the kinds of event data Trigger accepts, each about 100
// bytes on the wire.
func dataKinds() []struct {
	name string
	data any
} {
	s := load.Payload(100)
	return []struct {
		name string
		data any
	}{
		{"string", s},
		{"bytes", []byte(s)},
		{"rawjson", json.RawMessage(s)},
		{"struct", structData()},
	}
}

// BenchmarkTriggerStub is the SDK's own cost for one Trigger with the
// transport stubbed out, by kind of data, with the client's defaults
// (including its default per-call timeout).
func BenchmarkTriggerStub(b *testing.B) {
	for _, k := range dataKinds() {
		b.Run(k.name, func(b *testing.B) {
			c := newStubClient(b)
			ctx := context.Background()
			defer reportCPU(b)()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.Trigger(ctx, load.Channel, load.Event, k.data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkTriggerStubReusing is BenchmarkTriggerStub through a stub that
// has the fast path (DoInto): the SDK's own cost on a transport such as the
// fasthttp adapter, which takes the timeout as a deadline and fills a
// pooled Response.
func BenchmarkTriggerStubReusing(b *testing.B) {
	for _, k := range dataKinds() {
		b.Run(k.name, func(b *testing.B) {
			c := newStubClient(b, pusher.WithTransport(reusingStub{}))
			ctx := context.Background()
			defer reportCPU(b)()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.Trigger(ctx, load.Channel, load.Event, k.data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkTriggerStubNoTimeout is BenchmarkTriggerStub/string with
// WithTimeout(0): the difference is what the default per-call timeout
// (a context.WithTimeout per call) costs.
func BenchmarkTriggerStubNoTimeout(b *testing.B) {
	c := newStubClient(b, pusher.WithTimeout(0))
	ctx := context.Background()
	data := load.Payload(100)
	defer reportCPU(b)()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Trigger(ctx, load.Channel, load.Event, data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTriggerStubParallel is BenchmarkTriggerStub/string from many
// goroutines sharing one client (pools, the HMAC pool, contention).
func BenchmarkTriggerStubParallel(b *testing.B) {
	c := newStubClient(b)
	data := load.Payload(100)
	defer reportCPU(b)()
	b.ReportAllocs()
	b.SetParallelism(8)
	b.RunParallel(func(pb *testing.PB) {
		ctx := context.Background()
		for pb.Next() {
			if _, err := c.Trigger(ctx, load.Channel, load.Event, data); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkTriggerStubWithInfo asks for channel attributes, so the
// answer's body is decoded: the one case where the SDK parses it.
func BenchmarkTriggerStubWithInfo(b *testing.B) {
	answer := &transport.Response{StatusCode: http.StatusOK, Body: []byte(`{"channels":{"bench-channel":{"subscription_count":3}}}`)}
	c, err := pusher.New(load.AppID, load.Key, load.Secret, pusher.WithTransport(transport.DoerFunc(
		func(context.Context, *transport.Request) (*transport.Response, error) { return answer, nil })))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	data := load.Payload(100)
	defer reportCPU(b)()
	b.ReportAllocs()
	for b.Loop() {
		res, err := c.Trigger(ctx, load.Channel, load.Event, data, pusher.WithInfo("subscription_count"))
		if err != nil || res.Channels[load.Channel].SubscriptionCount == nil {
			b.Fatal(res, err)
		}
	}
}

// BenchmarkTriggerBody measures building a trigger's body the way a
// client that knows nothing better does (a map envelope and
// encoding/json, data encoded first), next to which the SDK's own cost in
// BenchmarkTriggerStub can be read. The string case is what Trigger
// avoids entirely for pre-encoded data; the struct case is the codec call
// the SDK cannot avoid plus the envelope it can.
func BenchmarkTriggerBody(b *testing.B) {
	s := load.Payload(100)
	m := structData()
	b.Run("string/map-envelope", func(b *testing.B) {
		defer reportCPU(b)()
		b.ReportAllocs()
		for b.Loop() {
			body, err := json.Marshal(map[string]any{"name": load.Event, "channels": []string{load.Channel}, "data": s})
			if err != nil || len(body) == 0 {
				b.Fatal(err)
			}
		}
	})
	b.Run("struct/map-envelope", func(b *testing.B) {
		defer reportCPU(b)()
		b.ReportAllocs()
		for b.Loop() {
			data, err := json.Marshal(m)
			if err != nil {
				b.Fatal(err)
			}
			body, err := json.Marshal(map[string]any{"name": load.Event, "channels": []string{load.Channel}, "data": string(data)})
			if err != nil || len(body) == 0 {
				b.Fatal(err)
			}
		}
	})
	b.Run("struct/codec-only", func(b *testing.B) {
		defer reportCPU(b)()
		b.ReportAllocs()
		for b.Loop() {
			if data, err := json.Marshal(m); err != nil || len(data) == 0 {
				b.Fatal(err)
			}
		}
	})
	b.Run("string/append", func(b *testing.B) {
		buf := make([]byte, 0, 512)
		defer reportCPU(b)()
		b.ReportAllocs()
		for b.Loop() {
			buf = load.AppendTriggerBody(buf[:0], s)
		}
	})
}

// BenchmarkAuthorizeChannel signs a private channel subscription.
func BenchmarkAuthorizeChannel(b *testing.B) {
	c := newStubClient(b)
	defer reportCPU(b)()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.AuthorizeChannel("1234.1234", "private-room-42"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAuthorizeEncryptedChannel signs a private-encrypted- channel
// subscription, which adds the channel's shared secret.
func BenchmarkAuthorizeEncryptedChannel(b *testing.B) {
	c := newStubClient(b, pusher.WithEncryptionMasterKeyBase64("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="))
	defer reportCPU(b)()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.AuthorizeChannel("1234.1234", "private-encrypted-room-42"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAuthorizePresenceChannel signs a presence subscription with
// user info, which is JSON-encoded into channel_data.
func BenchmarkAuthorizePresenceChannel(b *testing.B) {
	c := newStubClient(b)
	member := pusher.Member{UserID: "user-42", UserInfo: map[string]string{"name": "Ada", "role": "admin"}}
	defer reportCPU(b)()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.AuthorizePresenceChannel("1234.1234", "presence-room-42", member); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAuthenticateUser signs a user sign-in with user info and a
// watchlist.
func BenchmarkAuthenticateUser(b *testing.B) {
	c := newStubClient(b)
	user := pusher.User{ID: "user-42", UserInfo: map[string]string{"name": "Ada"}, Watchlist: []string{"user-1", "user-2"}}
	defer reportCPU(b)()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.AuthenticateUser("1234.1234", user); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyWebhook checks and decodes a webhook of one and of ten
// events.
func BenchmarkVerifyWebhook(b *testing.B) {
	for _, events := range []int{1, 10} {
		b.Run(strconv.Itoa(events)+"-events", func(b *testing.B) {
			c := newStubClient(b)
			body := webhookBody(events)
			header := http.Header{}
			header.Set(pusher.HeaderWebhookKey, load.Key)
			header.Set(pusher.HeaderWebhookSignature, signing.NewSigner(load.Key, load.Secret).WebhookSignature(body))
			defer reportCPU(b)()
			b.ReportAllocs()
			for b.Loop() {
				wh, err := c.VerifyWebhook(header, body)
				if err != nil || len(wh.Events) != events {
					b.Fatal(wh, err)
				}
			}
		})
	}
}

// webhookBody is a webhook of n channel_occupied and client events.
func webhookBody(n int) []byte {
	type event struct {
		Name     string `json:"name"`
		Channel  string `json:"channel"`
		Event    string `json:"event,omitempty"`
		Data     string `json:"data,omitempty"`
		SocketID string `json:"socket_id,omitempty"`
	}
	evs := make([]event, n)
	for i := range evs {
		if i%2 == 0 {
			evs[i] = event{Name: "channel_occupied", Channel: "presence-room-" + strconv.Itoa(i)}
		} else {
			evs[i] = event{Name: "client_event", Channel: "private-room-" + strconv.Itoa(i), Event: "client-typing", Data: `{"typing":true}`, SocketID: "1234.1234"}
		}
	}
	body, err := json.Marshal(map[string]any{"time_ms": time.Now().UnixMilli(), "events": evs})
	if err != nil {
		panic(err)
	}
	return body
}
