package conformance

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-pusher/channels/crypto"
	"github.com/go-pusher/channels/handler"
	"github.com/go-pusher/channels/pusher"
)

// WebhookBody is a webhook delivery of two events.
const WebhookBody = `{"time_ms":1700000000000,"events":[` +
	`{"name":"channel_occupied","channel":"private-a"},` +
	`{"name":"member_added","channel":"presence-r","user_id":"10"}]}`

// webhookRequest is a POST of body with headers.
func webhookRequest(body []byte, header http.Header) Request {
	return Request{Method: http.MethodPost, ContentType: "application/json", Header: header, Body: body}
}

// RunWebhookReceiver runs every webhook case.
func RunWebhookReceiver(t *testing.T, a Adapter) {
	t.Run("delivered", func(t *testing.T) { webhookDelivered(t, a) })
	t.Run("callback fails", func(t *testing.T) { webhookCallbackFails(t, a) })
	t.Run("callback bugs", func(t *testing.T) { webhookCallbackBugs(t, a) })
	t.Run("not authentic", func(t *testing.T) { webhookNotAuthentic(t, a) })
	t.Run("bad requests", func(t *testing.T) { webhookBadRequests(t, a) })
	t.Run("encrypted", func(t *testing.T) { webhookEncrypted(t, a) })
}

// counting is a webhook callback that records what it got.
type counting struct {
	calls atomic.Int32
	last  atomic.Pointer[pusher.Webhook]
	err   error
}

func (c *counting) receive(ctx context.Context, wh *pusher.Webhook) error {
	if ctx == nil {
		return errors.New("nil context")
	}
	c.calls.Add(1)
	c.last.Store(wh)
	return c.err
}

func webhookDelivered(t *testing.T, a Adapter) {
	var cb counting
	srv := mustBuild(t)(a.WebhookReceiver(NewClient(t), cb.receive))
	body := []byte(WebhookBody)
	got := srv(webhookRequest(body, SignedWebhook(body)))
	wantText(t, got, http.StatusOK)
	if cb.calls.Load() != 1 {
		t.Fatalf("callback called %d times, want 1", cb.calls.Load())
	}
	wh := cb.last.Load()
	if wh.TimeMs != 1700000000000 || len(wh.Events) != 2 {
		t.Fatalf("webhook = %+v", wh)
	}
	if e := wh.Events[0]; e.Name != "channel_occupied" || e.Channel != "private-a" {
		t.Errorf("event 0 = %+v", e)
	}
	if e := wh.Events[1]; e.Name != "member_added" || e.Channel != "presence-r" || e.UserID != "10" {
		t.Errorf("event 1 = %+v", e)
	}
}

func webhookCallbackFails(t *testing.T, a Adapter) {
	cb := counting{err: errors.New("queue full")}
	srv := mustBuild(t)(a.WebhookReceiver(NewClient(t), cb.receive))
	body := []byte(WebhookBody)
	wantText(t, srv(webhookRequest(body, SignedWebhook(body))), http.StatusInternalServerError, "queue")
	if cb.calls.Load() != 1 {
		t.Errorf("callback called %d times, want 1", cb.calls.Load())
	}
}

func webhookCallbackBugs(t *testing.T, a Adapter) {
	body := []byte(WebhookBody)
	for name, receive := range map[string]handler.WebhookFunc{
		"panic":             func(context.Context, *pusher.Webhook) error { panic("queue") },
		"nil pointer error": func(context.Context, *pusher.Webhook) error { return (*PanickyError)(nil) },
	} {
		t.Run(name, func(t *testing.T) {
			for _, opts := range [][]handler.Option{nil, {handler.WithLogger(DebugLogger(t))}} {
				srv := mustBuild(t)(a.WebhookReceiver(NewClient(t), receive, opts...))
				wantText(t, srv(webhookRequest(body, SignedWebhook(body))), http.StatusInternalServerError, "queue")
			}
		})
	}
}

func webhookNotAuthentic(t *testing.T, a Adapter) {
	body := []byte(WebhookBody)
	good := SignedWebhook(body)
	flipped := []byte(strings.Replace(WebhookBody, "private-a", "private-b", 1))
	cases := []struct {
		name   string
		client *pusher.Client
		req    Request
	}{
		{"bad signature", NewClient(t), webhookRequest(body, http.Header{pusher.HeaderWebhookKey: {Key}, pusher.HeaderWebhookSignature: {HMACHex("other", body)}})},
		{"body changed", NewClient(t), webhookRequest(flipped, good)},
		{"unknown key", NewClient(t), webhookRequest(body, http.Header{pusher.HeaderWebhookKey: {"other"}, pusher.HeaderWebhookSignature: good[pusher.HeaderWebhookSignature]})},
		{"no signature", NewClient(t), webhookRequest(body, http.Header{pusher.HeaderWebhookKey: {Key}})},
		{"no headers", NewClient(t), webhookRequest(body, nil)},
		{"too old", NewClient(t, pusher.WithWebhookMaxAge(5*time.Minute), pusher.WithClock(func() time.Time { return time.UnixMilli(1700000000000).Add(time.Hour) })),
			webhookRequest(body, good)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var cb counting
			srv := mustBuild(t)(a.WebhookReceiver(tc.client, cb.receive))
			wantText(t, srv(tc.req), http.StatusUnauthorized, good[pusher.HeaderWebhookSignature][0])
			if cb.calls.Load() != 0 {
				t.Errorf("callback called %d times, want 0", cb.calls.Load())
			}
		})
	}
}

func webhookBadRequests(t *testing.T, a Adapter) {
	body := []byte(WebhookBody)
	big := []byte(`{"time_ms":1700000000000,"events":[],"pad":"` + strings.Repeat("x", handler.DefaultMaxWebhookBodyBytes) + `"}`)
	malformed := []byte(`{"time_ms":1700000000000,"events":{}}`)
	noTime := []byte(`{"events":[]}`)
	cases := []struct {
		name   string
		req    Request
		status int
	}{
		{"GET", Request{Method: http.MethodGet, Header: SignedWebhook(nil)}, http.StatusMethodNotAllowed},
		{"too large", webhookRequest(big, SignedWebhook(big)), http.StatusRequestEntityTooLarge},
		{"too large chunked", Request{Method: http.MethodPost, Header: SignedWebhook(big), Body: big, Chunked: true}, http.StatusRequestEntityTooLarge},
		{"malformed", webhookRequest(malformed, SignedWebhook(malformed)), http.StatusBadRequest},
		{"no time", webhookRequest(noTime, SignedWebhook(noTime)), http.StatusBadRequest},
	}
	var cb counting
	srv := mustBuild(t)(a.WebhookReceiver(NewClient(t), cb.receive))
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { wantText(t, srv(tc.req), tc.status) })
	}

	small := mustBuild(t)(a.WebhookReceiver(NewClient(t), cb.receive, handler.WithMaxBodyBytes(int64(len(body)-1))))
	wantText(t, small(webhookRequest(body, SignedWebhook(body))), http.StatusRequestEntityTooLarge)
	if cb.calls.Load() != 0 {
		t.Errorf("callback called %d times, want 0", cb.calls.Load())
	}
}

// encryptedEventBody is a webhook with a member_added event and a client
// event on an encrypted channel whose data is envelope.
func encryptedEventBody(t *testing.T, channel string, envelope []byte) []byte {
	t.Helper()
	data, err := json.Marshal(string(envelope))
	if err != nil {
		t.Fatal(err)
	}
	return []byte(`{"time_ms":1700000000000,"events":[{"name":"member_added","channel":"presence-r","user_id":"10"},` +
		`{"name":"client_event","channel":"` + channel + `","event":"client-msg","data":` + string(data) + `,"socket_id":"1.2"}]}`)
}

func webhookEncrypted(t *testing.T, a Adapter) {
	const ch = "private-encrypted-room"
	key, err := crypto.ParseMasterKeyBase64(base64.StdEncoding.EncodeToString(MasterKey()))
	if err != nil {
		t.Fatal(err)
	}
	envelope, err := key.Encrypt(ch, []byte(`{"hello":"world"}`), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("decrypted", func(t *testing.T) {
		var cb counting
		srv := mustBuild(t)(a.WebhookReceiver(NewEncryptionClient(t), cb.receive))
		body := encryptedEventBody(t, ch, envelope)
		wantText(t, srv(webhookRequest(body, SignedWebhook(body))), http.StatusOK)
		if cb.calls.Load() != 1 {
			t.Fatalf("callback called %d times, want 1", cb.calls.Load())
		}
		if wh := cb.last.Load(); len(wh.Events) != 2 || wh.Events[1].Data != `{"hello":"world"}` || len(wh.Rejected) != 0 {
			t.Errorf("webhook = %+v, want both events, the second decrypted", wh)
		}
	})

	// A hostile subscriber's event cannot be decrypted: the events beside it
	// are delivered, it is handed over as rejected, and the delivery is
	// acknowledged (a retry cannot make it decryptable).
	undecryptable := map[string][]byte{
		"garbage ciphertext": encryptedEventBody(t, ch, []byte(`{"nonce":"AAAA","ciphertext":"AAAA"}`)),
		"other channel's":    encryptedEventBody(t, ch+"2", envelope),
	}
	for name, body := range undecryptable {
		t.Run(name, func(t *testing.T) {
			var cb counting
			srv := mustBuild(t)(a.WebhookReceiver(NewEncryptionClient(t), cb.receive))
			wantText(t, srv(webhookRequest(body, SignedWebhook(body))), http.StatusOK)
			if cb.calls.Load() != 1 {
				t.Fatalf("callback called %d times, want 1", cb.calls.Load())
			}
			wh := cb.last.Load()
			if len(wh.Events) != 1 || wh.Events[0].Name != "member_added" {
				t.Errorf("events = %+v, want the member_added beside the bad event", wh.Events)
			}
			if len(wh.Rejected) != 1 || wh.Rejected[0].Event.Event != "client-msg" || !errors.Is(wh.Rejected[0].Err, pusher.ErrWebhookDecrypt) {
				t.Errorf("rejected = %+v, want the client event", wh.Rejected)
			}
		})
	}

	// A receiver without a master key is misconfigured: 500, so the service
	// keeps the delivery and retries it once the key is set.
	t.Run("no master key", func(t *testing.T) {
		var cb counting
		srv := mustBuild(t)(a.WebhookReceiver(NewClient(t), cb.receive))
		body := encryptedEventBody(t, ch, envelope)
		wantText(t, srv(webhookRequest(body, SignedWebhook(body))), http.StatusInternalServerError)
		if cb.calls.Load() != 0 {
			t.Errorf("callback called %d times, want 0", cb.calls.Load())
		}
	})
}
