// Package handlertest holds the fixtures of the handler tests: the test
// app's credentials and client, pusher-js's request bodies, signatures
// computed without the library, and a transport-neutral request and
// response. The conformance suite both servers must pass is in this
// package's own tests. It is imported by tests only.
package handlertest

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/go-pusher/channels/pusher"
)

// Request is one HTTP request to a handler under test.
type Request struct {
	Method      string
	ContentType string // not sent when empty
	Header      http.Header
	Body        []byte
	// Chunked sends the body without a Content-Length.
	Chunked bool
}

// Response is what the handler answered.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// Server sends one request to a handler and returns its answer.
type Server func(Request) Response

// Credentials of the test app.
const (
	AppID  = "1"
	Key    = "key"
	Secret = "secret"
)

// MasterKey returns the test app's 32-byte encryption master key.
func MasterKey() []byte {
	k := make([]byte, 32)
	for i := range k {
		k[i] = byte(i * 7)
	}
	return k
}

// NewClient builds the test app's client; no network is used.
func NewClient(t testing.TB, opts ...pusher.Option) *pusher.Client {
	t.Helper()
	c, err := pusher.New(AppID, Key, Secret, opts...)
	if err != nil {
		t.Fatalf("pusher.New: %v", err)
	}
	return c
}

// NewEncryptionClient builds the test app's client with the master key.
func NewEncryptionClient(t testing.TB, opts ...pusher.Option) *pusher.Client {
	t.Helper()
	opts = append(opts, pusher.WithEncryptionMasterKeyBase64(base64.StdEncoding.EncodeToString(MasterKey())))
	return NewClient(t, opts...)
}

// AuthValue computes "key:hex(HMAC-SHA256(secret, s))" without the library.
func AuthValue(s string) string {
	return Key + ":" + HMACHex(Secret, []byte(s))
}

// HMACHex is hex HMAC-SHA256(secret, msg).
func HMACHex(secret string, msg []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(msg)
	return hex.EncodeToString(m.Sum(nil))
}

// SharedSecret computes a private-encrypted- channel's shared secret
// without the library: base64(SHA-256(channel ‖ master key)).
func SharedSecret(channel string) string {
	sum := sha256.Sum256(append([]byte(channel), MasterKey()...))
	return base64.StdEncoding.EncodeToString(sum[:])
}

// Form encodes fields in the given order, as pusher-js does.
func Form(kv ...string) []byte {
	var b []byte
	for i := 0; i+1 < len(kv); i += 2 {
		if i > 0 {
			b = append(b, '&')
		}
		b = append(b, url.QueryEscape(kv[i])...)
		b = append(b, '=')
		b = append(b, url.QueryEscape(kv[i+1])...)
	}
	return b
}

// FormType is the content type pusher-js sends.
const FormType = "application/x-www-form-urlencoded"

// SignedWebhook returns the headers of a webhook delivery of body signed
// with the test app's key and secret.
func SignedWebhook(body []byte) map[string][]string {
	return map[string][]string{
		pusher.HeaderWebhookKey:       {Key},
		pusher.HeaderWebhookSignature: {HMACHex(Secret, body)},
	}
}

// PanickyError is an error whose Error method dereferences its receiver,
// so a nil *PanickyError returned as an error panics wherever its message
// is asked for.
type PanickyError struct{ msg string }

func (e *PanickyError) Error() string { return e.msg }

// DebugLogger logs everything to t.
func DebugLogger(t testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(tWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// tWriter writes to t.Log.
type tWriter struct{ t testing.TB }

func (w tWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSuffix(string(p), "\n"))
	return len(p), nil
}

// WebhookBody is a webhook delivery of two events.
const WebhookBody = `{"time_ms":1700000000000,"events":[` +
	`{"name":"channel_occupied","channel":"private-a"},` +
	`{"name":"member_added","channel":"presence-r","user_id":"10"}]}`

// ServeHTTP is a Server that sends requests to h through httptest.
func ServeHTTP(h http.Handler) Server {
	return func(req Request) Response {
		var body io.Reader = bytes.NewReader(req.Body)
		if req.Chunked {
			body = io.MultiReader(body) // hides the length: ContentLength -1
		}
		r := httptest.NewRequest(req.Method, "/pusher", body)
		if req.ContentType != "" {
			r.Header.Set("Content-Type", req.ContentType)
		}
		for k, vs := range req.Header {
			r.Header[http.CanonicalHeaderKey(k)] = vs
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return Response{Status: w.Code, Header: w.Header(), Body: w.Body.Bytes()}
	}
}
