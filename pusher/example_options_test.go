package pusher_test

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/pushertest"
	"github.com/go-pusher/channels/transport/nethttp"
)

func ExampleWithCluster() {
	c, err := pusher.New("123", "app-key", "app-secret", pusher.WithCluster("ap1"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(c)
	// Output: pusher.Client{app: 123, key: app-key, endpoint: https://api-ap1.pusher.com, secret: [redacted]}
}

func ExampleWithHost() {
	// A self-hosted Pusher-compatible server, such as soketi.
	c, err := pusher.New("123", "app-key", "app-secret", pusher.WithHost("soketi.internal:6001"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(c)

	_, err = pusher.New("123", "app-key", "app-secret", pusher.WithHost("soketi.internal:+6001"))
	fmt.Println(err)
	// Output:
	// pusher.Client{app: 123, key: app-key, endpoint: https://soketi.internal:6001, secret: [redacted]}
	// pusher: bad config host: bad port
}

func ExampleWithTLS() {
	// Plain HTTP, for a server on the local machine only.
	c, err := pusher.New("123", "app-key", "app-secret", pusher.WithHost("localhost:6001"), pusher.WithTLS(false))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(c)
	// Output: pusher.Client{app: 123, key: app-key, endpoint: http://localhost:6001, secret: [redacted]}
}

func ExampleWithTimeout() {
	srv := pushertest.NewServer()
	defer srv.Close()
	app := srv.App()
	// Every call, retries included, ends within 2s unless its context ends sooner.
	c, err := pusher.New(app.ID, app.Key, app.Secret, pusher.WithHost(srv.Host()), pusher.WithTLS(false),
		pusher.WithTimeout(2*time.Second))
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Trigger(context.Background(), "news", "headline", "on time"); err != nil {
		log.Fatal(err)
	}
	fmt.Println(srv.Events()[0].Data)
	// Output: on time
}

func ExampleWithTransport() {
	srv := pushertest.NewServer()
	defer srv.Close()
	app := srv.App()
	// The net/http adapter on a client of your own; transport/fasthttp and
	// transport/resty plug in the same way.
	d := nethttp.New(nethttp.WithHTTPClient(&http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}))
	defer d.CloseIdleConnections() // the transport stays yours: Client.Close leaves it open
	c, err := pusher.New(app.ID, app.Key, app.Secret, pusher.WithHost(srv.Host()), pusher.WithTLS(false),
		pusher.WithTransport(d))
	if err != nil {
		log.Fatal(err)
	}
	if _, err := c.Trigger(context.Background(), "news", "headline", "via my transport"); err != nil {
		log.Fatal(err)
	}
	fmt.Println(srv.Events()[0].Data)
	// Output: via my transport
}

// compactJSON is a JSON codec; any drop-in for encoding/json with these two
// methods (github.com/goccy/go-json, sonic, ...) plugs in the same way.
type compactJSON struct{}

func (compactJSON) Marshal(v any) ([]byte, error)      { return json.Marshal(v) }
func (compactJSON) Unmarshal(data []byte, v any) error { return json.Unmarshal(data, v) }

func ExampleWithJSONCodec() {
	srv := pushertest.NewServer()
	defer srv.Close()
	app := srv.App()
	c, err := pusher.New(app.ID, app.Key, app.Secret, pusher.WithHost(srv.Host()), pusher.WithTLS(false),
		pusher.WithJSONCodec(compactJSON{}))
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Trigger(context.Background(), "scores", "goal", map[string]int{"home": 1}); err != nil {
		log.Fatal(err)
	}
	fmt.Println(srv.Events()[0].Data)
	// Output: {"home":1}
}

func ExampleWithClock() {
	// A fixed clock makes signatures reproducible in tests.
	c, err := pusher.New("3", "278d425bdf160c739803", "7ad3773142a6692b25b8",
		pusher.WithClock(func() time.Time { return time.Unix(1353088179, 0) }))
	if err != nil {
		log.Fatal(err)
	}
	q, err := c.SignedQuery(http.MethodGet, "/channels", nil, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(strings.Contains(q, "auth_timestamp=1353088179"))
	// Output: true
}

func ExampleWithRandom() {
	srv := pushertest.NewServer()
	defer srv.Close()
	app := srv.App()
	// A fixed nonce source makes ciphertexts reproducible in tests; never in production.
	zeros := bytes.NewReader(make([]byte, 24))
	c, err := pusher.New(app.ID, app.Key, app.Secret, pusher.WithHost(srv.Host()), pusher.WithTLS(false),
		pusher.WithEncryptionMasterKeyBase64("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="),
		pusher.WithRandom(zeros))
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Trigger(context.Background(), "private-encrypted-payroll", "paid", "42"); err != nil {
		log.Fatal(err)
	}
	var envelope struct{ Nonce string }
	if err := json.Unmarshal([]byte(srv.Events()[0].Data), &envelope); err != nil {
		log.Fatal(err)
	}
	fmt.Println(envelope.Nonce)
	// Output: AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
}

func ExampleWithLogger() {
	srv := pushertest.NewServer()
	defer srv.Close()
	app := srv.App()
	logger := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		Level: slog.LevelDebug,
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey || a.Key == "elapsed" {
				return slog.Attr{} // left out to keep this example's output fixed
			}
			return a
		},
	}))
	c, err := pusher.New(app.ID, app.Key, app.Secret, pusher.WithHost(srv.Host()), pusher.WithTLS(false),
		pusher.WithLogger(logger))
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Trigger(context.Background(), "news", "headline", "logged"); err != nil {
		log.Fatal(err)
	}
	// Output: level=DEBUG msg="pusher request" method=POST path=/apps/1/events attempt=1 status=200
}

func ExampleWithLimits() {
	limits := pusher.DefaultLimits()
	limits.MaxDataBytes = 16 // a dedicated cluster would raise it instead
	c, err := pusher.New("123", "app-key", "app-secret", pusher.WithLimits(limits))
	if err != nil {
		log.Fatal(err)
	}
	_, err = c.Trigger(context.Background(), "news", "headline", "seventeen bytes!!")
	fmt.Println(err)
	// Output: pusher: invalid data: too large (17 > 16 bytes)
}

func ExampleWithEncryptionMasterKeyBase64() {
	// The key comes from `openssl rand -base64 32`, kept out of source control.
	c, err := pusher.New("123", "app-key", "app-secret",
		pusher.WithEncryptionMasterKeyBase64("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="))
	if err != nil {
		log.Fatal(err)
	}
	auth, err := c.AuthorizeChannel("123.456", "private-encrypted-payroll")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(auth.SharedSecret != "")

	// An empty key, e.g. an unset environment variable, is refused rather
	// than leaving encryption off.
	_, err = pusher.New("123", "app-key", "app-secret", pusher.WithEncryptionMasterKeyBase64(""))
	fmt.Println(err)
	// Output:
	// true
	// pusher: bad config encryption_master_key: crypto: invalid encryption master key: no key given
}

// signWebhook signs body as the service does with secret.
func signWebhook(secret string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return hex.EncodeToString(mac.Sum(nil))
}

func ExampleWithWebhookCredentials() {
	// While rotating, webhooks may still come signed with the old key and secret.
	c, err := pusher.New("123", "new-key", "new-secret",
		pusher.WithWebhookCredentials("old-key", "old-secret"))
	if err != nil {
		log.Fatal(err)
	}
	body := []byte(`{"time_ms":1700000000000,"events":[{"name":"channel_occupied","channel":"news"}]}`)
	wh, err := c.VerifyWebhookSignature("old-key", signWebhook("old-secret", body), body)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(wh.Events[0].Name, wh.Events[0].Channel)
	// Output: channel_occupied news
}

func ExampleWithWebhookMaxAge() {
	c, err := pusher.New("123", "app-key", "app-secret", pusher.WithWebhookMaxAge(5*time.Minute))
	if err != nil {
		log.Fatal(err)
	}
	// A delivery sent in November 2023 and replayed now.
	body := []byte(`{"time_ms":1700000000000,"events":[{"name":"channel_vacated","channel":"news"}]}`)
	_, err = c.VerifyWebhookSignature("app-key", signWebhook("app-secret", body), body)
	fmt.Println(errors.Is(err, pusher.ErrWebhookExpired))
	// Output: true
}

func ExampleClient_Close() {
	c, err := pusher.New("123", "app-key", "app-secret")
	if err != nil {
		log.Fatal(err)
	}
	// Close once the calls are done: it releases the default transport's
	// idle connections. Calls that would send afterwards fail.
	if err := c.Close(); err != nil {
		log.Fatal(err)
	}
	err = c.TerminateUserConnections(context.Background(), "user-1")
	fmt.Println(errors.Is(err, pusher.ErrClosed))
	// Output: true
}
