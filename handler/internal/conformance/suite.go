// Package conformance is the test suite both handler adapters (net/http and
// fasthttp) must pass: the same requests must get the same answers. It is
// imported by tests only.
package conformance

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/go-pusher/channels/handler"
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

// Adapter builds the handlers of one package with callbacks that do not see
// the adapter's own request type.
type Adapter struct {
	ChannelAuthorizer func(c *pusher.Client, authorize func(handler.ChannelRequest) (*pusher.Member, error), opts ...handler.Option) (Server, error)
	UserAuthenticator func(c *pusher.Client, authenticate func(handler.UserRequest) (pusher.User, error), opts ...handler.Option) (Server, error)
	WebhookReceiver   func(c *pusher.Client, receive handler.WebhookFunc, opts ...handler.Option) (Server, error)
}

// Run runs the whole suite against a.
func Run(t *testing.T, a Adapter) {
	t.Run("channel authorizer", func(t *testing.T) { RunChannelAuthorizer(t, a) })
	t.Run("user authenticator", func(t *testing.T) { RunUserAuthenticator(t, a) })
	t.Run("webhook receiver", func(t *testing.T) { RunWebhookReceiver(t, a) })
}

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

// wantJSON checks a 200 answer whose body is exactly want.
func wantJSON(t *testing.T, got Response, want string) {
	t.Helper()
	if got.Status != http.StatusOK {
		t.Fatalf("status = %d (%q), want 200", got.Status, got.Body)
	}
	if ct := got.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", ct)
	}
	if cc := got.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control = %q, want no-store", cc)
	}
	if string(got.Body) != want {
		t.Errorf("body =\n%s\nwant\n%s", got.Body, want)
	}
}

// wantText checks an answer with status and a one-line plain-text body
// that quotes none of the forbidden strings.
func wantText(t *testing.T, got Response, status int, forbidden ...string) {
	t.Helper()
	if got.Status != status {
		t.Fatalf("status = %d (%q), want %d", got.Status, got.Body, status)
	}
	if ct := got.Header.Get("Content-Type"); ct != "text/plain; charset=utf-8" {
		t.Errorf("Content-Type = %q, want text/plain; charset=utf-8", ct)
	}
	if got.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("X-Content-Type-Options missing")
	}
	if status >= 400 && (len(got.Body) == 0 || bytes.Count(got.Body, []byte("\n")) != 1 || !bytes.HasSuffix(got.Body, []byte("\n"))) {
		t.Errorf("body %q is not one line of text", got.Body)
	}
	for _, f := range forbidden {
		if f != "" && strings.Contains(string(got.Body), f) {
			t.Errorf("body %q quotes %q", got.Body, f)
		}
	}
	if status == http.StatusMethodNotAllowed && got.Header.Get("Allow") != http.MethodPost {
		t.Errorf("Allow = %q, want POST", got.Header.Get("Allow"))
	}
}

// mustBuild returns a function that fails the test on a constructor error,
// for mustBuild(t)(a.ChannelAuthorizer(…)).
func mustBuild(t *testing.T) func(Server, error) Server {
	return func(s Server, err error) Server {
		t.Helper()
		if err != nil {
			t.Fatalf("constructor: %v", err)
		}
		return s
	}
}

// post is a POST of a pusher-js form body.
func post(body []byte) Request {
	return Request{Method: http.MethodPost, ContentType: FormType, Body: body}
}

// jsonPost is a POST of a JSON body.
func jsonPost(body string) Request {
	return Request{Method: http.MethodPost, ContentType: "application/json", Body: []byte(body)}
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
