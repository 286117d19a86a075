package handlertest

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/go-pusher/channels/handler"
	"github.com/go-pusher/channels/pusher"
)

// adapter builds the handlers of one package with callbacks that do not see
// the adapter's own request type.
type adapter struct {
	ChannelAuthorizer func(c *pusher.Client, authorize func(handler.ChannelRequest) (*pusher.Member, error), opts ...handler.Option) (Server, error)
	UserAuthenticator func(c *pusher.Client, authenticate func(handler.UserRequest) (pusher.User, error), opts ...handler.Option) (Server, error)
	WebhookReceiver   func(c *pusher.Client, receive handler.WebhookFunc, opts ...handler.Option) (Server, error)
}

// runSuite runs the whole suite against a.
func runSuite(t *testing.T, a adapter) {
	t.Run("channel authorizer", func(t *testing.T) { runChannelAuthorizer(t, a) })
	t.Run("user authenticator", func(t *testing.T) { runUserAuthenticator(t, a) })
	t.Run("webhook receiver", func(t *testing.T) { runWebhookReceiver(t, a) })
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
