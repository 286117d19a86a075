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

// encryptedEventBody is a webhook with one client event on an encrypted
// channel whose data is envelope.
func encryptedEventBody(t *testing.T, channel string, envelope []byte) []byte {
	t.Helper()
	data, err := json.Marshal(string(envelope))
	if err != nil {
		t.Fatal(err)
	}
	return []byte(`{"time_ms":1700000000000,"events":[{"name":"client_event","channel":"` + channel +
		`","event":"client-msg","data":` + string(data) + `,"socket_id":"1.2"}]}`)
}

func webhookEncrypted(t *testing.T, a Adapter) {
	const ch = "private-encrypted-room"
	key, err := crypto.ParseMasterKey(base64.StdEncoding.EncodeToString(MasterKey()))
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
		if got := cb.last.Load().Events[0].Data; got != `{"hello":"world"}` {
			t.Errorf("data = %q, want the plaintext", got)
		}
	})

	undecryptable := map[string][]byte{
		"garbage ciphertext": encryptedEventBody(t, ch, []byte(`{"nonce":"AAAA","ciphertext":"AAAA"}`)),
		"other channel's":    encryptedEventBody(t, ch+"2", envelope),
	}
	for name, body := range undecryptable {
		t.Run(name, func(t *testing.T) {
			var cb counting
			srv := mustBuild(t)(a.WebhookReceiver(NewEncryptionClient(t), cb.receive))
			// Acknowledged so the service stops retrying, but not delivered.
			wantText(t, srv(webhookRequest(body, SignedWebhook(body))), http.StatusOK)
			if cb.calls.Load() != 0 {
				t.Errorf("callback called %d times, want 0", cb.calls.Load())
			}
		})
	}
}
