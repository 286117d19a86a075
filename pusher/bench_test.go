package pusher_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/transport"
)

// stubResponse is the canned answer of the stub transport.
var stubResponse = transport.Response{StatusCode: http.StatusOK, Body: []byte("{}")}

// newStubClient is a client whose transport answers every request with a
// canned 200 {} without touching the network.
func newStubClient(b *testing.B, opts ...pusher.Option) *pusher.Client {
	b.Helper()
	stub := transport.DoerFunc(func(context.Context, *transport.Request) (*transport.Response, error) {
		return &stubResponse, nil
	})
	c, err := pusher.New("1", "bench-key", "bench-secret", append([]pusher.Option{pusher.WithTransport(stub)}, opts...)...)
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// BenchmarkTriggerStubTransport measures a trigger of ~100 bytes of string
// data: validation, body, signing and error mapping, without the network.
func BenchmarkTriggerStubTransport(b *testing.B) {
	c := newStubClient(b)
	ctx := context.Background()
	data := strings.Repeat(`{"k":"v"},`, 10)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Trigger(ctx, "my-channel", "my-event", data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTriggerStubTransportNoTimeout is BenchmarkTriggerStubTransport
// with WithTimeout(0): the difference is the cost of the per-call timeout
// context.
func BenchmarkTriggerStubTransportNoTimeout(b *testing.B) {
	c := newStubClient(b, pusher.WithTimeout(0))
	ctx := context.Background()
	data := strings.Repeat(`{"k":"v"},`, 10)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Trigger(ctx, "my-channel", "my-event", data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTriggerBatch is a batch of three string events.
func BenchmarkTriggerBatch(b *testing.B) {
	c := newStubClient(b)
	ctx := context.Background()
	events := []pusher.Event{
		{Channel: "a", Name: "e", Data: "one"},
		{Channel: "b", Name: "e", Data: "two"},
		{Channel: "c", Name: "e", Data: "three"},
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.TriggerBatch(ctx, events); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTriggerStructData is the same with a struct JSON-encoded by the
// client.
func BenchmarkTriggerStructData(b *testing.B) {
	type order struct {
		ID       int      `json:"id"`
		Customer string   `json:"customer"`
		Items    []string `json:"items"`
		Total    float64  `json:"total"`
	}
	c := newStubClient(b)
	ctx := context.Background()
	data := order{ID: 42, Customer: "Ada Lovelace", Items: []string{"engine", "punch cards"}, Total: 99.5}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Trigger(ctx, "my-channel", "my-event", data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTriggerEncrypted is a string trigger on an encrypted channel.
func BenchmarkTriggerEncrypted(b *testing.B) {
	c := newStubClient(b, pusher.WithEncryptionMasterKeyBase64(testMasterKeyB64))
	ctx := context.Background()
	data := strings.Repeat(`{"k":"v"},`, 10)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Trigger(ctx, "private-encrypted-room", "my-event", data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAuthorizeChannel signs a private channel subscription.
func BenchmarkAuthorizeChannel(b *testing.B) {
	c := newStubClient(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.AuthorizeChannel("1234.1234", "private-foobar"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyWebhook checks and parses a two-event webhook.
func BenchmarkVerifyWebhook(b *testing.B) {
	c := newStubClient(b)
	body := []byte(`{"time_ms":1700000000000,"events":[{"name":"channel_occupied","channel":"a"},` +
		`{"name":"client_event","channel":"private-c","event":"client-typing","data":"{\"x\":1}","socket_id":"1.2"}]}`)
	header := http.Header{}
	header.Set(pusher.HeaderWebhookKey, "bench-key")
	header.Set(pusher.HeaderWebhookSignature, hmacHex("bench-secret", string(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.VerifyWebhook(header, body); err != nil {
			b.Fatal(err)
		}
	}
}
