package handlertest

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
	"github.com/go-pusher/channels/handler/dedupe"
	"github.com/go-pusher/channels/pusher"
)

// webhookRequest is a POST of body with headers.
func webhookRequest(body []byte, header http.Header) Request {
	return Request{Method: http.MethodPost, ContentType: "application/json", Header: header, Body: body}
}

// runWebhookReceiver runs every webhook case.
func runWebhookReceiver(t *testing.T, a adapter) {
	t.Run("delivered", func(t *testing.T) { webhookDelivered(t, a) })
	t.Run("callback fails", func(t *testing.T) { webhookCallbackFails(t, a) })
	t.Run("callback bugs", func(t *testing.T) { webhookCallbackBugs(t, a) })
	t.Run("not authentic", func(t *testing.T) { webhookNotAuthentic(t, a) })
	t.Run("bad requests", func(t *testing.T) { webhookBadRequests(t, a) })
	t.Run("encrypted", func(t *testing.T) { webhookEncrypted(t, a) })
	t.Run("deduplicated", func(t *testing.T) { webhookDeduplicated(t, a) })
	t.Run("deduplicated past the lease", func(t *testing.T) { webhookPastTheLease(t, a) })
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

func webhookDelivered(t *testing.T, a adapter) {
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

func webhookCallbackFails(t *testing.T, a adapter) {
	cb := counting{err: errors.New("queue full")}
	srv := mustBuild(t)(a.WebhookReceiver(NewClient(t), cb.receive))
	body := []byte(WebhookBody)
	wantText(t, srv(webhookRequest(body, SignedWebhook(body))), http.StatusInternalServerError, "queue")
	if cb.calls.Load() != 1 {
		t.Errorf("callback called %d times, want 1", cb.calls.Load())
	}
}

func webhookCallbackBugs(t *testing.T, a adapter) {
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

func webhookNotAuthentic(t *testing.T, a adapter) {
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

func webhookBadRequests(t *testing.T, a adapter) {
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

func webhookEncrypted(t *testing.T, a adapter) {
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

// failingStore is a dedupe.Store that cannot be reached.
type failingStore struct{}

func (failingStore) Claim(context.Context, string) (string, dedupe.State, error) {
	return "", 0, errors.New("store down")
}
func (failingStore) MarkDone(context.Context, string, string) error { return errors.New("store down") }
func (failingStore) Release(context.Context, string, string) error  { return errors.New("store down") }
func (failingStore) Extend(context.Context, string, string) error   { return errors.New("store down") }
func (failingStore) Lease() time.Duration                           { return time.Minute }

func webhookDeduplicated(t *testing.T, a adapter) {
	body := []byte(WebhookBody)
	send := func(srv Server) Response { return srv(webhookRequest(body, SignedWebhook(body))) }
	newStore := func() *dedupe.Memory {
		m, err := dedupe.NewMemory(dedupe.MemoryConfig{})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}

	t.Run("retry after success", func(t *testing.T) {
		var cb counting
		srv := mustBuild(t)(a.WebhookReceiver(NewClient(t), cb.receive, handler.WithDeduplication(newStore())))
		wantText(t, send(srv), http.StatusOK)
		wantText(t, send(srv), http.StatusOK)
		if cb.calls.Load() != 1 {
			t.Errorf("callback called %d times, want 1", cb.calls.Load())
		}
		other := []byte(strings.Replace(WebhookBody, "1700000000000", "1700000000001", 1))
		wantText(t, srv(webhookRequest(other, SignedWebhook(other))), http.StatusOK)
		if cb.calls.Load() != 2 {
			t.Errorf("another delivery: callback called %d times in all, want 2", cb.calls.Load())
		}
	})

	t.Run("retry after failure", func(t *testing.T) {
		var calls atomic.Int32
		fail := func(context.Context, *pusher.Webhook) error {
			if calls.Add(1) == 1 {
				return errors.New("queue full")
			}
			return nil
		}
		srv := mustBuild(t)(a.WebhookReceiver(NewClient(t), fail, handler.WithDeduplication(newStore())))
		wantText(t, send(srv), http.StatusInternalServerError)
		wantText(t, send(srv), http.StatusOK)
		wantText(t, send(srv), http.StatusOK)
		if calls.Load() != 2 {
			t.Errorf("callback called %d times, want 2 (the failure, then the retry)", calls.Load())
		}
	})

	t.Run("retry after panic", func(t *testing.T) {
		var calls atomic.Int32
		srv := mustBuild(t)(a.WebhookReceiver(NewClient(t), func(context.Context, *pusher.Webhook) error {
			if calls.Add(1) == 1 {
				panic("first copy")
			}
			return nil
		}, handler.WithDeduplication(newStore())))
		wantText(t, send(srv), http.StatusInternalServerError)
		wantText(t, send(srv), http.StatusOK)
		if calls.Load() != 2 {
			t.Errorf("callback called %d times, want 2", calls.Load())
		}
	})

	t.Run("copy while running", func(t *testing.T) {
		entered, release := make(chan struct{}), make(chan struct{})
		var calls atomic.Int32
		srv := mustBuild(t)(a.WebhookReceiver(NewClient(t), func(context.Context, *pusher.Webhook) error {
			calls.Add(1)
			close(entered)
			<-release
			return nil
		}, handler.WithDeduplication(newStore())))
		first := make(chan Response)
		go func() { first <- send(srv) }()
		<-entered
		copyDuringRun := send(srv)
		close(release) // before any check can end the test with the first copy blocked
		wantText(t, copyDuringRun, http.StatusConflict)
		wantText(t, <-first, http.StatusOK)
		wantText(t, send(srv), http.StatusOK)
		if calls.Load() != 1 {
			t.Errorf("callback called %d times, want 1", calls.Load())
		}
	})

	t.Run("zero Memory", func(t *testing.T) { // usable, with the defaults
		var cb counting
		srv := mustBuild(t)(a.WebhookReceiver(NewClient(t), cb.receive, handler.WithDeduplication(&dedupe.Memory{})))
		wantText(t, send(srv), http.StatusOK)
		wantText(t, send(srv), http.StatusOK)
		if cb.calls.Load() != 1 {
			t.Errorf("callback called %d times, want 1", cb.calls.Load())
		}
	})

	t.Run("store down", func(t *testing.T) {
		var cb counting
		srv := mustBuild(t)(a.WebhookReceiver(NewClient(t), cb.receive, handler.WithDeduplication(failingStore{})))
		wantText(t, send(srv), http.StatusServiceUnavailable, "store down")
		if cb.calls.Load() != 0 {
			t.Errorf("callback called %d times, want 0", cb.calls.Load())
		}
	})

	t.Run("not authentic is not stored", func(t *testing.T) {
		store := newStore()
		srv := mustBuild(t)(a.WebhookReceiver(NewClient(t), (&counting{}).receive, handler.WithDeduplication(store)))
		wantText(t, srv(webhookRequest(body, nil)), http.StatusUnauthorized)
		if store.Len() != 0 {
			t.Errorf("store holds %d entries after a forged delivery", store.Len())
		}
	})
}
