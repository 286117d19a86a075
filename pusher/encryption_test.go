package pusher_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/go-pusher/channels/crypto"
	"github.com/go-pusher/channels/domain"
	"github.com/go-pusher/channels/pusher"
)

const encChannel = "private-encrypted-room"

// testMasterKey parses testMasterKeyB64 independently of the client.
func testMasterKey(t *testing.T) *crypto.MasterKey {
	t.Helper()
	k, err := crypto.ParseMasterKey(testMasterKeyB64)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// sentData returns the data member of a captured trigger body.
func sentData(t *testing.T, body []byte) string {
	t.Helper()
	var b struct {
		Data string `json:"data"`
	}
	if err := json.Unmarshal(body, &b); err != nil {
		t.Fatalf("body %s: %v", body, err)
	}
	return b.Data
}

func TestEncryptionMasterKeyValidatedAtNew(t *testing.T) {
	raw32 := strings.Repeat("k", 32)
	tests := []struct {
		name string
		opts []pusher.Option
	}{
		{"not base64", []pusher.Option{pusher.WithEncryptionMasterKeyBase64("not base64 at all!")}},
		{"16 bytes", []pusher.Option{pusher.WithEncryptionMasterKeyBase64(base64.StdEncoding.EncodeToString(make([]byte, 16)))}},
		{"33 bytes", []pusher.Option{pusher.WithEncryptionMasterKeyBase64(base64.StdEncoding.EncodeToString(make([]byte, 33)))}},
		{"url-safe alphabet", []pusher.Option{pusher.WithEncryptionMasterKeyBase64(base64.URLEncoding.EncodeToString(bytes.Repeat([]byte{0xfb}, 32)))}},
		{"raw 32 bytes, not base64", []pusher.Option{pusher.WithEncryptionMasterKeyBase64(raw32)}},
		{"empty", []pusher.Option{pusher.WithEncryptionMasterKeyBase64("")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := pusher.New("1", "key", "secret", tt.opts...)
			if c != nil || err == nil {
				t.Fatalf("New = %v, %v; want an error", c, err)
			}
			var ce *pusher.ConfigError
			if !errors.As(err, &ce) || ce.Field != "encryption_master_key" {
				t.Errorf("err = %v (%T), want a *ConfigError on encryption_master_key", err, err)
			}
			if !errors.Is(err, crypto.ErrInvalidMasterKey) {
				t.Errorf("err = %v, want crypto.ErrInvalidMasterKey", err)
			}
			if strings.Contains(err.Error(), raw32) || strings.Contains(err.Error(), testMasterKeyB64) {
				t.Errorf("message quotes the key: %s", err)
			}
		})
	}
}

// TestEncryptedTriggerPlaintext checks that the plaintext sealed for each
// kind of data is exactly what a plain channel would carry, and that none
// of it is on the wire.
func TestEncryptedTriggerPlaintext(t *testing.T) {
	type msg struct {
		Text string `json:"text"`
	}
	tests := []struct {
		name string
		data any
	}{
		{"string", "TOP-SECRET plain string"},
		{"JSON text string", `{"text":"TOP-SECRET json string"}`},
		{"bytes", []byte("TOP-SECRET bytes")},
		{"raw message", json.RawMessage(`{"text": "TOP-SECRET raw"}`)},
		{"struct", msg{Text: "TOP-SECRET struct <&>"}},
	}
	master := testMasterKey(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, d := newRecordingClient(t, pusher.WithEncryptionMasterKeyBase64(testMasterKeyB64))
			ctx := context.Background()
			if _, err := c.Trigger(ctx, "plain-room", "ev", tt.data); err != nil {
				t.Fatal(err)
			}
			plainWire := sentData(t, d.Last(t).Body)
			if _, err := c.Trigger(ctx, encChannel, "ev", tt.data); err != nil {
				t.Fatal(err)
			}
			req := d.Last(t)
			for _, leak := range []string{"TOP-SECRET", base64.StdEncoding.EncodeToString([]byte("TOP-SECRET"))} {
				if bytes.Contains([]byte(req.URL), []byte(leak)) || bytes.Contains(req.Body, []byte(leak)) {
					t.Fatalf("plaintext %q on the wire: %s", leak, req.Body)
				}
			}
			envelope := sentData(t, req.Body)
			var env struct{ Nonce, Ciphertext string }
			if err := json.Unmarshal([]byte(envelope), &env); err != nil || env.Nonce == "" || env.Ciphertext == "" {
				t.Fatalf("data %q is not an envelope (%v)", envelope, err)
			}
			plain, err := master.Decrypt(encChannel, []byte(envelope))
			if err != nil {
				t.Fatalf("Decrypt: %v", err)
			}
			if string(plain) != plainWire {
				t.Errorf("decrypted %q, want what a plain channel carries: %q", plain, plainWire)
			}
		})
	}
}

func TestEncryptedTriggerIsReproducibleWithFixedNonce(t *testing.T) {
	opts := []pusher.Option{pusher.WithEncryptionMasterKeyBase64(testMasterKeyB64), pusher.WithRandom(constReader(7))}
	c1, d1 := newRecordingClient(t, opts...)
	c2, d2 := newRecordingClient(t, opts...)
	for _, c := range []*pusher.Client{c1, c2} {
		if _, err := c.Trigger(context.Background(), encChannel, "ev", "hello"); err != nil {
			t.Fatal(err)
		}
	}
	got1, got2 := sentData(t, d1.Last(t).Body), sentData(t, d2.Last(t).Body)
	if got1 != got2 {
		t.Errorf("same nonce source, different envelopes:\n%s\n%s", got1, got2)
	}
	want, err := testMasterKey(t).Encrypt(encChannel, []byte("hello"), constReader(7))
	if err != nil {
		t.Fatal(err)
	}
	if got1 != string(want) {
		t.Errorf("envelope %s, want %s", got1, want)
	}
	if !strings.HasPrefix(got1, `{"nonce":"BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcH","ciphertext":"`) {
		t.Errorf("envelope %s does not carry the fixed nonce", got1)
	}
}

func TestEncryptedTriggerAgainstFake(t *testing.T) {
	srv := newFake(t)
	c := newFakeClient(t, srv, nil, pusher.WithEncryptionMasterKeyBase64(testMasterKeyB64))
	ctx := context.Background()
	if _, err := c.Trigger(ctx, encChannel, "ev", map[string]int{"n": 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.TriggerMulti(ctx, []string{encChannel + "-2"}, "ev", "multi"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.TriggerBatch(ctx, []pusher.Event{
		{Channel: "plain", Name: "ev", Data: "clear text"},
		{Channel: encChannel, Name: "ev", Data: "batched secret"},
	}); err != nil {
		t.Fatal(err)
	}
	evs := srv.Events()
	if len(evs) != 4 {
		t.Fatalf("%d events recorded, want 4", len(evs))
	}
	master := testMasterKey(t)
	want := []struct{ channel, plain string }{
		{encChannel, `{"n":1}`}, {encChannel + "-2", "multi"}, {"", "clear text"}, {encChannel, "batched secret"},
	}
	for i, w := range want {
		if w.channel == "" {
			if evs[i].Data != w.plain {
				t.Errorf("plain batch event data = %q", evs[i].Data)
			}
			continue
		}
		if strings.Contains(evs[i].Data, w.plain) {
			t.Errorf("event %d: plaintext on the wire: %s", i, evs[i].Data)
		}
		got, err := master.Decrypt(w.channel, []byte(evs[i].Data))
		if err != nil || string(got) != w.plain {
			t.Errorf("event %d decrypts to %q, %v; want %q", i, got, err, w.plain)
		}
	}
}

// TestEncryptedPayloadLimitCountsTheEnvelope finds the largest plaintext
// whose envelope fits the limit and checks one byte more is refused.
func TestEncryptedPayloadLimitCountsTheEnvelope(t *testing.T) {
	const limit = 10 * 1024
	largest := 0
	for crypto.EnvelopeLen(largest+1) <= limit {
		largest++
	}
	if largest >= limit {
		t.Fatalf("envelope of %d bytes fits %d: the envelope must cost something", largest, limit)
	}
	c, d := newRecordingClient(t, pusher.WithEncryptionMasterKeyBase64(testMasterKeyB64))
	ctx := context.Background()
	if _, err := c.Trigger(ctx, encChannel, "ev", strings.Repeat("a", largest)); err != nil {
		t.Fatalf("%d plaintext bytes: %v", largest, err)
	}
	if got := len(sentData(t, d.Last(t).Body)); got != crypto.EnvelopeLen(largest) || got > limit {
		t.Errorf("envelope is %d bytes, want %d <= %d", got, crypto.EnvelopeLen(largest), limit)
	}
	// Fits in the clear, not once sealed.
	_, err := c.Trigger(ctx, encChannel, "ev", strings.Repeat("a", largest+1))
	if !errors.Is(err, domain.ErrTooLarge) {
		t.Errorf("%d plaintext bytes: err = %v, want ErrTooLarge", largest+1, err)
	}
	_, err = c.TriggerBatch(ctx, []pusher.Event{{Channel: encChannel, Name: "ev", Data: strings.Repeat("a", largest+1)}})
	if !errors.Is(err, domain.ErrTooLarge) {
		t.Errorf("batch: err = %v, want ErrTooLarge", err)
	}
	if d.Calls() != 1 {
		t.Errorf("%d requests sent, want 1", d.Calls())
	}
}

// failingReader is a random source that fails.
type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, io.ErrUnexpectedEOF }

func TestEncryptionFailuresSendNothing(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		opts []pusher.Option
		call func(c *pusher.Client) error
		also error
	}{
		{name: "trigger without a master key",
			call: func(c *pusher.Client) error { _, err := c.Trigger(ctx, encChannel, "ev", "secret"); return err }},
		{name: "batch without a master key",
			call: func(c *pusher.Client) error {
				_, err := c.TriggerBatch(ctx, []pusher.Event{{Channel: "plain", Name: "ev", Data: "x"}, {Channel: encChannel, Name: "ev", Data: "secret"}})
				return err
			}},
		{name: "authorization without a master key",
			call: func(c *pusher.Client) error { _, err := c.AuthorizeChannel("1.2", encChannel); return err }},
		{name: "failing random source", also: crypto.ErrRandomSource,
			opts: []pusher.Option{pusher.WithEncryptionMasterKeyBase64(testMasterKeyB64), pusher.WithRandom(failingReader{})},
			call: func(c *pusher.Client) error { _, err := c.Trigger(ctx, encChannel, "ev", "secret"); return err }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, d := newRecordingClient(t, tt.opts...)
			err := tt.call(c)
			if !errors.Is(err, pusher.ErrEncryption) {
				t.Errorf("err = %v, want ErrEncryption", err)
			}
			if tt.also != nil && !errors.Is(err, tt.also) {
				t.Errorf("err = %v, want %v too", err, tt.also)
			}
			if err != nil && !strings.Contains(err.Error(), encChannel) && tt.also == nil {
				t.Errorf("message %q does not name the channel", err)
			}
			if d.Calls() != 0 {
				t.Errorf("%d requests sent", d.Calls())
			}
		})
	}
}
