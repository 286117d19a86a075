package pusher_test

import (
	"errors"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-pusher/channels/pusher"
)

const (
	whKey    = "wh-key"
	whSecret = "wh-secret"
)

// webhookClient is a client for app 1 with key whKey and secret whSecret.
func webhookClient(t *testing.T, opts ...pusher.Option) *pusher.Client {
	t.Helper()
	c, err := pusher.New("1", whKey, whSecret, append([]pusher.Option{pusher.WithTransport(&recordingDoer{})}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// webhookHeader is what Channels sends with body, signed with key/secret.
func webhookHeader(key, secret string, body []byte) http.Header {
	h := http.Header{}
	h.Set(pusher.HeaderWebhookKey, key)
	h.Set(pusher.HeaderWebhookSignature, hmacHex(secret, string(body)))
	h.Set("Content-Type", "application/json")
	return h
}

func TestVerifyWebhookParsesEveryEventType(t *testing.T) {
	body := []byte(`{"time_ms":1700000000123,"events":[
		{"name":"channel_occupied","channel":"a"},
		{"name":"channel_vacated","channel":"a"},
		{"name":"member_added","channel":"presence-r","user_id":"u1"},
		{"name":"member_removed","channel":"presence-r","user_id":"u1"},
		{"name":"client_event","channel":"private-c","event":"client-typing","data":"{\"x\":1}","socket_id":"1.2","user_id":"u2"},
		{"name":"subscription_count","channel":"b","subscription_count":5},
		{"name":"cache_miss","channel":"cache-x"}
	]}`)
	c := webhookClient(t)
	wh, err := c.VerifyWebhook(webhookHeader(whKey, whSecret, body), body)
	if err != nil {
		t.Fatal(err)
	}
	want := &pusher.Webhook{TimeMs: 1700000000123, Events: []pusher.WebhookEvent{
		{Name: "channel_occupied", Channel: "a"},
		{Name: "channel_vacated", Channel: "a"},
		{Name: "member_added", Channel: "presence-r", UserID: "u1"},
		{Name: "member_removed", Channel: "presence-r", UserID: "u1"},
		{Name: "client_event", Channel: "private-c", Event: "client-typing", Data: `{"x":1}`, SocketID: "1.2", UserID: "u2"},
		{Name: "subscription_count", Channel: "b", SubscriptionCount: intp(5)},
		{Name: "cache_miss", Channel: "cache-x"},
	}}
	if !reflect.DeepEqual(wh, want) {
		t.Errorf("got  %+v\nwant %+v", wh, want)
	}
	// The header-free form agrees.
	wh2, err := c.VerifyWebhookSignature(whKey, hmacHex(whSecret, string(body)), body)
	if err != nil || !reflect.DeepEqual(wh2, want) {
		t.Errorf("VerifyWebhookSignature = %+v, %v", wh2, err)
	}
}

func TestVerifyWebhookWithFakeSignature(t *testing.T) {
	srv := newFake(t)
	c := newFakeClient(t, srv, nil)
	body := []byte(`{"time_ms":1,"events":[{"name":"channel_occupied","channel":"x"}]}`)
	wh, err := c.VerifyWebhook(srv.SignWebhook(body), body)
	if err != nil || len(wh.Events) != 1 || wh.Events[0].Channel != "x" {
		t.Fatalf("VerifyWebhook = %+v, %v", wh, err)
	}
}

func TestVerifyWebhookRefusals(t *testing.T) {
	body := []byte(`{"time_ms":1700000000000,"events":[{"name":"channel_occupied","channel":"a"}]}`)
	good := hmacHex(whSecret, string(body))
	tampered := []byte(strings.Replace(string(body), `"a"`, `"b"`, 1))
	tests := []struct {
		name          string
		key, sig      string
		body          []byte
		want          error
		nameInMessage string
	}{
		{name: "wrong key", key: "other-key", sig: good, body: body, want: pusher.ErrWebhookUnknownKey},
		{name: "missing key", key: "", sig: good, body: body, want: pusher.ErrWebhookUnknownKey},
		{name: "missing signature", key: whKey, sig: "", body: body, want: pusher.ErrWebhookSignature, nameInMessage: pusher.HeaderWebhookSignature},
		{name: "tampered body", key: whKey, sig: good, body: tampered, want: pusher.ErrWebhookSignature},
		{name: "signed with another secret", key: whKey, sig: hmacHex("other", string(body)), body: body, want: pusher.ErrWebhookSignature},
		{name: "signature not hex", key: whKey, sig: strings.Repeat("z", 64), body: body, want: pusher.ErrWebhookSignature},
		{name: "signature truncated", key: whKey, sig: good[:63], body: body, want: pusher.ErrWebhookSignature},
		{name: "upper-case signature of another body", key: whKey, sig: strings.ToUpper(hmacHex(whSecret, "x")), body: body, want: pusher.ErrWebhookSignature},
		{name: "not JSON", key: whKey, sig: hmacHex(whSecret, "nope"), body: []byte("nope"), want: pusher.ErrWebhookMalformed},
		{name: "no time_ms", key: whKey, sig: hmacHex(whSecret, `{"events":[]}`), body: []byte(`{"events":[]}`), want: pusher.ErrWebhookMalformed},
		{name: "no events", key: whKey, sig: hmacHex(whSecret, `{"time_ms":5}`), body: []byte(`{"time_ms":5}`), want: pusher.ErrWebhookMalformed},
		{name: "empty body", key: whKey, sig: hmacHex(whSecret, ""), body: nil, want: pusher.ErrWebhookMalformed},
	}
	c := webhookClient(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{}
			if tt.key != "" {
				h.Set(pusher.HeaderWebhookKey, tt.key)
			}
			if tt.sig != "" {
				h.Set(pusher.HeaderWebhookSignature, tt.sig)
			}
			wh, err := c.VerifyWebhook(h, tt.body)
			if wh != nil {
				t.Errorf("a refused webhook came back: %+v", wh)
			}
			if !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
			if tt.nameInMessage != "" && !strings.Contains(err.Error(), tt.nameInMessage) {
				t.Errorf("message %q does not name %s", err, tt.nameInMessage)
			}
			if err != nil && (strings.Contains(err.Error(), whSecret) || strings.Contains(err.Error(), good)) {
				t.Errorf("message leaks the secret or a signature: %s", err)
			}
			wh, err2 := c.VerifyWebhookSignature(tt.key, tt.sig, tt.body)
			if wh != nil || !errors.Is(err2, tt.want) {
				t.Errorf("VerifyWebhookSignature = %+v, %v", wh, err2)
			}
		})
	}
}

func TestVerifyWebhookRotation(t *testing.T) {
	c := webhookClient(t,
		pusher.WithWebhookCredentials("old-key", "old-secret"),
		pusher.WithWebhookCredentials(whKey, "previous-secret"), // same key, rotated secret
	)
	body := []byte(`{"time_ms":1,"events":[]}`)
	for _, cred := range []struct{ key, secret string }{
		{whKey, whSecret}, {"old-key", "old-secret"}, {whKey, "previous-secret"},
	} {
		if _, err := c.VerifyWebhook(webhookHeader(cred.key, cred.secret, body), body); err != nil {
			t.Errorf("signed by %s/%s: %v", cred.key, cred.secret, err)
		}
	}
	for _, cred := range []struct {
		key, secret string
		want        error
	}{
		{"old-key", whSecret, pusher.ErrWebhookSignature},      // secrets are bound to their key
		{whKey, "old-secret", pusher.ErrWebhookSignature},      // likewise
		{"unknown", "old-secret", pusher.ErrWebhookUnknownKey}, //
	} {
		if _, err := c.VerifyWebhook(webhookHeader(cred.key, cred.secret, body), body); !errors.Is(err, cred.want) {
			t.Errorf("signed by %s/%s: err = %v, want %v", cred.key, cred.secret, err, cred.want)
		}
	}
	if _, err := pusher.New("1", "k", "s", pusher.WithWebhookCredentials("", "x")); err == nil {
		t.Error("an empty webhook key was accepted")
	}
}

func TestVerifyWebhookMaxAge(t *testing.T) {
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	c := webhookClient(t, pusher.WithClock(func() time.Time { return now }), pusher.WithWebhookMaxAge(5*time.Minute))
	lenient := webhookClient(t, pusher.WithClock(func() time.Time { return now }))
	tests := []struct {
		name    string
		sent    time.Time
		wantErr bool
	}{
		{"now", now, false},
		{"4 minutes old", now.Add(-4 * time.Minute), false},
		{"exactly 5 minutes old", now.Add(-5 * time.Minute), false},
		{"6 minutes old", now.Add(-6 * time.Minute), true},
		{"a day old", now.Add(-24 * time.Hour), true},
		{"2 minutes ahead", now.Add(2 * time.Minute), false},
		{"6 minutes ahead", now.Add(6 * time.Minute), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := []byte(`{"time_ms":` + strconv.FormatInt(tt.sent.UnixMilli(), 10) + `,"events":[]}`)
			h := webhookHeader(whKey, whSecret, body)
			wh, err := c.VerifyWebhook(h, body)
			if tt.wantErr {
				if wh != nil || !errors.Is(err, pusher.ErrWebhookExpired) {
					t.Errorf("VerifyWebhook = %v, %v; want ErrWebhookExpired", wh, err)
				}
			} else if err != nil {
				t.Errorf("VerifyWebhook: %v", err)
			}
			if _, err := lenient.VerifyWebhook(h, body); err != nil {
				t.Errorf("without a max age: %v", err)
			}
		})
	}
	if _, err := pusher.New("1", "k", "s", pusher.WithWebhookMaxAge(-time.Second)); err == nil {
		t.Error("a negative max age was accepted")
	}
}

func TestVerifyWebhookDecryptsEncryptedClientEvents(t *testing.T) {
	master := testMasterKey(t)
	envelope, err := master.Encrypt(encChannel, []byte(`{"msg":"hi"}`), constReader(3))
	if err != nil {
		t.Fatal(err)
	}
	body := []byte(`{"time_ms":1,"events":[` +
		`{"name":"client_event","channel":"private-plain","event":"client-a","data":"clear"},` +
		`{"name":"client_event","channel":"` + encChannel + `","event":"client-b","data":` + strconv.Quote(string(envelope)) + `},` +
		`{"name":"channel_occupied","channel":"` + encChannel + `"}]}`)
	h := webhookHeader(whKey, whSecret, body)

	c := webhookClient(t, pusher.WithEncryptionMasterKeyBase64(testMasterKeyB64))
	wh, err := c.VerifyWebhook(h, body)
	if err != nil {
		t.Fatal(err)
	}
	if got := wh.Events[1].Data; got != `{"msg":"hi"}` {
		t.Errorf("encrypted event data = %q, want the plaintext", got)
	}
	if got := wh.Events[0].Data; got != "clear" {
		t.Errorf("plain event data = %q", got)
	}

	// Cannot decrypt: no key, another key, a tampered envelope.
	otherKey := "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8="
	tamperedEnv := []byte(strings.Replace(string(envelope), `"ciphertext":"`, `"ciphertext":"AAAA`, 1))
	tamperedBody := []byte(strings.Replace(string(body), strconv.Quote(string(envelope)), strconv.Quote(string(tamperedEnv)), 1))
	for _, tt := range []struct {
		name string
		c    *pusher.Client
		body []byte
		want error
	}{
		{"no master key", webhookClient(t), body, pusher.ErrWebhookNoMasterKey},
		{"another master key", webhookClient(t, pusher.WithEncryptionMasterKeyBase64(otherKey)), body, pusher.ErrWebhookDecrypt},
		{"tampered envelope", c, tamperedBody, pusher.ErrWebhookDecrypt},
	} {
		t.Run(tt.name, func(t *testing.T) {
			// The undecryptable event is set aside; the events beside it
			// are delivered, in order.
			wh, err := tt.c.VerifyWebhook(webhookHeader(whKey, whSecret, tt.body), tt.body)
			if err != nil {
				t.Fatalf("VerifyWebhook: %v", err)
			}
			if len(wh.Events) != 2 || wh.Events[0].Data != "clear" || wh.Events[1].Name != "channel_occupied" {
				t.Errorf("events = %+v, want the two readable ones", wh.Events)
			}
			if len(wh.Rejected) != 1 {
				t.Fatalf("rejected = %+v, want one", wh.Rejected)
			}
			rej := wh.Rejected[0]
			if rej.Event.Event != "client-b" || rej.Event.Channel != encChannel || !errors.Is(rej.Err, tt.want) ||
				!errors.Is(rej.Err, pusher.ErrWebhookDecrypt) {
				t.Errorf("rejected = %+v, want client-b with %v", rej, tt.want)
			}
			if strings.Contains(rej.Err.Error(), "msg") {
				t.Errorf("message holds plaintext: %s", rej.Err)
			}
			if tt.want != pusher.ErrWebhookNoMasterKey && errors.Is(rej.Err, pusher.ErrWebhookNoMasterKey) {
				t.Errorf("%v matches ErrWebhookNoMasterKey", rej.Err)
			}
		})
	}
}
