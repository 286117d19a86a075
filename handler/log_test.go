package handler_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/go-pusher/channels/handler"
	"github.com/go-pusher/channels/handler/internal/handlertest"
	"github.com/go-pusher/channels/pusher"
)

// syncBuffer is a bytes.Buffer safe for concurrent writers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// logRecord is the part of a JSON log record the tests look at.
type logRecord struct {
	Level    string `json:"level"`
	Msg      string `json:"msg"`
	Endpoint string `json:"endpoint"`
	Status   int    `json:"status"`
	Channel  string `json:"channel"`
	Error    string `json:"error"`
}

func records(t *testing.T, s string) []logRecord {
	t.Helper()
	var out []logRecord
	for _, line := range strings.Split(strings.TrimSpace(s), "\n") {
		var r logRecord
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		out = append(out, r)
	}
	return out
}

// TestLogsNameTheCauseButNoSecret drives every kind of record and checks
// each one's level and that no secret, auth value, signature or body is in
// the log.
func TestLogsNameTheCauseButNoSecret(t *testing.T) {
	const secret = "s3cr3t-Do-Not-Log-Me"
	var buf syncBuffer
	logger := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, err := pusher.New("1", handlertest.Key, secret, pusher.WithEncryptionMasterKeyBase64("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="))
	if err != nil {
		t.Fatal(err)
	}

	ch, err := handler.NewChannelAuthorizer(c, func(_ *http.Request, req handler.ChannelRequest) (*pusher.Member, error) {
		switch req.Channel {
		case "private-refused":
			return nil, handler.ErrDenied
		case "private-broken":
			return nil, errors.New("session store unreachable")
		case "private-panic":
			panic("callback bug")
		case "private-nil-error":
			return nil, (*handlertest.PanickyError)(nil)
		}
		return nil, nil // presence without a member: a callback bug
	}, handler.WithLogger(logger))
	if err != nil {
		t.Fatal(err)
	}
	wh, err := handler.NewWebhookReceiver(c, func(context.Context, *pusher.Webhook) error { return nil }, handler.WithLogger(logger))
	if err != nil {
		t.Fatal(err)
	}

	send := handlertest.ServeHTTP(ch)
	ok := send(handlertest.Request{Method: http.MethodPost, ContentType: handlertest.FormType,
		Body: handlertest.Form("socket_id", "1.2", "channel_name", "private-encrypted-ok")})
	if ok.Status != http.StatusOK {
		t.Fatalf("status %d", ok.Status)
	}
	var answer pusher.ChannelAuthorization
	if err := json.Unmarshal(ok.Body, &answer); err != nil {
		t.Fatal(err)
	}
	for _, channel := range []string{"private-refused", "private-broken", "presence-room", "private-panic", "private-nil-error"} {
		send(handlertest.Request{Method: http.MethodPost, ContentType: handlertest.FormType,
			Body: handlertest.Form("socket_id", "1.2", "channel_name", channel)})
	}
	send(handlertest.Request{Method: http.MethodPost, ContentType: handlertest.FormType, Body: []byte("socket_id=x")})

	body := []byte(`{"time_ms":1,"events":[{"name":"client_event","channel":"private-encrypted-x","data":"plaintext-hello"}]}`)
	sig := handlertest.HMACHex(secret, body)
	handlertest.ServeHTTP(wh)(handlertest.Request{Method: http.MethodPost, Body: body,
		Header: http.Header{pusher.HeaderWebhookKey: {handlertest.Key}, pusher.HeaderWebhookSignature: {sig}}})
	handlertest.ServeHTTP(wh)(handlertest.Request{Method: http.MethodPost, Body: body,
		Header: http.Header{pusher.HeaderWebhookKey: {handlertest.Key}, pusher.HeaderWebhookSignature: {strings.Repeat("0", 64)}}})

	log := buf.String()
	for _, leak := range []string{secret, answer.Auth, answer.Auth[len(handlertest.Key)+1:], answer.SharedSecret, sig, "plaintext-hello"} {
		if strings.Contains(log, leak) {
			t.Errorf("log contains %q:\n%s", leak, log)
		}
	}

	want := []logRecord{
		{Level: "DEBUG", Endpoint: "channel_authorization", Status: 403, Channel: "private-refused"},
		{Level: "ERROR", Endpoint: "channel_authorization", Status: 500, Channel: "private-broken", Error: "session store unreachable"},
		{Level: "ERROR", Endpoint: "channel_authorization", Status: 500, Channel: "presence-room"},
		{Level: "ERROR", Endpoint: "channel_authorization", Status: 500},
		{Level: "ERROR", Endpoint: "channel_authorization", Status: 500, Channel: "private-nil-error", Error: "nil *handlertest.PanickyError"},
		{Level: "DEBUG", Endpoint: "channel_authorization", Status: 400},
		{Level: "WARN", Endpoint: "webhook", Channel: "private-encrypted-x"},
		{Level: "WARN", Endpoint: "webhook", Status: 401},
	}
	got := records(t, log)
	if len(got) != len(want) {
		t.Fatalf("got %d records, want %d:\n%s", len(got), len(want), log)
	}
	for i, w := range want {
		g := got[i]
		if g.Level != w.Level || g.Endpoint != w.Endpoint || g.Status != w.Status || g.Channel != w.Channel ||
			(w.Error != "" && !strings.Contains(g.Error, w.Error)) {
			t.Errorf("record %d = %+v, want %+v", i, g, w)
		}
	}
	if !strings.Contains(got[2].Msg, "without a member") {
		t.Errorf("presence bug record %q does not say what is wrong", got[2].Msg)
	}
	if !strings.Contains(got[3].Msg, "panicked") {
		t.Errorf("panic record %q does not say what happened", got[3].Msg)
	}
	if !strings.Contains(got[6].Msg, "decrypt") {
		t.Errorf("rejected event record %q does not say why", got[6].Msg)
	}
}
