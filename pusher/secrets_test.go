package pusher_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/pushertest"
	"github.com/go-pusher/channels/transport"
)

// Secrets distinctive enough that any leak shows.
const (
	hygieneSecret    = "hyg13ne-S3CRET-never-print"
	hygieneMasterRaw = "RAW-master-key-32-bytes-long!!!!"
)

// TestSecretsNeverLeak drives every failure path and a few successes with
// a debug logger attached, then checks that no error message, no log line
// and no rendering of the client holds the secret, the master key (raw or
// base64) or any auth_signature that was sent.
func TestSecretsNeverLeak(t *testing.T) {
	masterB64 := base64.StdEncoding.EncodeToString([]byte(hygieneMasterRaw))
	app := pushertest.App{ID: "77", Key: "hygiene-key", Secret: hygieneSecret}
	srv := newFake(t, pushertest.WithApp(app))
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	opts := []pusher.Option{
		pusher.WithHost(srv.Host()), pusher.WithTLS(false), pusher.WithLogger(logger),
		pusher.WithEncryptionMasterKeyBase64(masterB64),
		pusher.WithWebhookCredentials("old-key", hygieneSecret+"-old"),
		pusher.WithRetry(pusher.RetryPolicy{MaxAttempts: 2, Backoff: noWait}),
	}
	c, err := pusher.New(app.ID, app.Key, app.Secret, opts...)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var errs []error
	collect := func(err error) {
		t.Helper()
		if err == nil {
			t.Error("expected a failure, got none")
			return
		}
		errs = append(errs, err)
	}
	ok := func(err error) {
		t.Helper()
		if err != nil {
			t.Errorf("unexpected failure: %v", err)
		}
	}

	// Successes, so the log has request lines carrying everything but
	// secrets.
	_, err = c.Trigger(ctx, "private-encrypted-x", "ev", "secret plaintext")
	ok(err)
	_, err = c.Channels(ctx, pusher.ChannelsOptions{Prefix: "presence-", Info: []string{"user_count"}})
	ok(err)
	_, err = c.AuthorizeChannel("1.2", "private-encrypted-x")
	ok(err)

	// Every status the server can answer with, retried where allowed.
	for _, status := range []int{400, 401, 403, 404, 413, 429, 500, 503} {
		attempts := 1
		if status == 429 || status >= 500 {
			attempts = 2 // a GET is retried once on these
		}
		for range attempts {
			srv.QueueResponse(status, "failure "+http.StatusText(status))
		}
		_, err := c.Channels(ctx, pusher.ChannelsOptions{})
		collect(err)
	}
	srv.QueueResponse(200, `{"error":"nope","code":401}`)
	_, err = c.Trigger(ctx, "ch", "ev", "x")
	collect(err)
	srv.QueueResponse(200, `not json`)
	_, err = c.Trigger(ctx, "ch", "ev", "x", pusher.WithInfo("subscription_count"))
	collect(err)

	// A wrong secret: the fake answers 401 quoting the string it expected
	// to be signed.
	wrong, err := pusher.New(app.ID, app.Key, hygieneSecret+"-wrong", opts...)
	if err != nil {
		t.Fatal(err)
	}
	_, err = wrong.Trigger(ctx, "ch", "ev", "x")
	collect(err)
	_, err = wrong.Get(ctx, "/channels", url.Values{"filter_by_prefix": {"p"}})
	collect(err)

	// Context and network failures.
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	_, err = c.Trigger(cancelled, "ch", "ev", "x")
	collect(err)
	host, _ := hangingServer(t)
	slow, err := pusher.New(app.ID, app.Key, app.Secret, append(opts, pusher.WithHost(host), pusher.WithTimeout(30*time.Millisecond))...)
	if err != nil {
		t.Fatal(err)
	}
	_, err = slow.Trigger(ctx, "ch", "ev", "x")
	collect(err)
	closed := pushertest.NewServer(pushertest.WithApp(app))
	closed.Close()
	down, err := pusher.New(app.ID, app.Key, app.Secret, append(opts, pusher.WithHost(closed.Host()))...)
	if err != nil {
		t.Fatal(err)
	}
	_, err = down.Channels(ctx, pusher.ChannelsOptions{})
	collect(err)
	failing := transport.DoerFunc(func(_ context.Context, req *transport.Request) (*transport.Response, error) {
		// A transport that quotes the whole URL in its error.
		return nil, fmt.Errorf("Get %q: connection reset", req.URL)
	})
	quoting, err := pusher.New(app.ID, app.Key, app.Secret, append(opts, pusher.WithTransport(failing))...)
	if err != nil {
		t.Fatal(err)
	}
	_, err = quoting.Channels(ctx, pusher.ChannelsOptions{})
	collect(err)

	// Validation and encryption failures.
	_, err = c.Trigger(ctx, "bad channel", "ev", "x")
	collect(err)
	_, err = c.TriggerMulti(ctx, []string{"a", "private-encrypted-x"}, "ev", "x")
	collect(err)
	_, err = c.Trigger(ctx, "ch", "ev", make(chan int))
	collect(err)
	_, err = c.AuthorizePresenceChannel("1.2", "presence-x", pusher.Member{})
	collect(err)
	noKey, err := pusher.New(app.ID, app.Key, app.Secret)
	if err != nil {
		t.Fatal(err)
	}
	_, err = noKey.Trigger(ctx, "private-encrypted-x", "ev", "x")
	collect(err)
	_, err = noKey.AuthorizeChannel("1.2", "private-encrypted-x")
	collect(err)
	_, err = pusher.New(app.ID, app.Key, app.Secret, pusher.WithEncryptionMasterKeyBase64(masterB64[:20]))
	collect(err)
	_, err = pusher.New(app.ID, app.Key, app.Secret, pusher.WithEncryptionMasterKeyBase64(hygieneMasterRaw))
	collect(err)
	_, err = pusher.New("x/y", app.Key, app.Secret)
	collect(err)
	_, err = pusher.FromURL("https://k:" + hygieneSecret + "@host/bad")
	collect(err)
	_, err = pusher.FromURL("https://k:" + hygieneSecret + "@host:99999/apps/1")
	collect(err)
	_, err = pusher.FromURL("ftp://k:" + hygieneSecret + "@host/apps/1")
	collect(err)

	// Webhook failures, including an encrypted event that cannot be read.
	body := []byte(`{"time_ms":1,"events":[{"name":"client_event","channel":"private-encrypted-x","data":"{\"nonce\":\"AAAA\",\"ciphertext\":\"AAAA\"}"}]}`)
	goodSig := hmacHex(hygieneSecret, string(body))
	_, err = c.VerifyWebhook(http.Header{}, body)
	collect(err)
	_, err = c.VerifyWebhookSignature(app.Key, hmacHex("x", "y"), body)
	collect(err)
	wh, err := c.VerifyWebhookSignature(app.Key, goodSig, body)
	if err == nil && len(wh.Rejected) == 1 {
		err = wh.Rejected[0].Err // the event is set aside, with this error
	}
	collect(err)
	_, err = c.VerifyWebhookSignature(app.Key, hmacHex(hygieneSecret, "{"), []byte("{"))
	collect(err)

	// Everything that must never appear.
	forbidden := []string{hygieneSecret, masterB64, hygieneMasterRaw, goodSig}
	for _, r := range srv.Requests() {
		q, _ := url.ParseQuery(r.RawQuery)
		if sig := q.Get("auth_signature"); sig != "" {
			forbidden = append(forbidden, sig)
		}
	}
	if len(forbidden) < 10 {
		t.Fatalf("only %d signatures collected; the test drove too few requests", len(forbidden)-4)
	}
	check := func(what, s string) {
		t.Helper()
		for _, f := range forbidden {
			if strings.Contains(s, f) {
				t.Errorf("%s holds %.12q…: %s", what, f, s)
			}
		}
	}

	if len(errs) < 30 {
		t.Errorf("only %d failures collected", len(errs))
	}
	for _, err := range errs {
		check("error", err.Error())
		check("error %+v", fmt.Sprintf("%+v", err))
		var apiErr *pusher.APIError
		if errors.As(err, &apiErr) {
			check("APIError.Body", apiErr.Body)
		}
	}

	for _, client := range []*pusher.Client{c, wrong, slow, down} {
		for _, format := range []string{"%v", "%+v", "%#v", "%s"} {
			out := fmt.Sprintf(format, client)
			check("client "+format, out)
			if !strings.Contains(out, app.Key) {
				t.Errorf("client %s = %q does not even show the key", format, out)
			}
		}
		check("fmt.Sprint(client)", fmt.Sprint(client))
		logger.Debug("client value", "client", client)
	}

	out := logs.String()
	if !strings.Contains(out, "pusher request") || !strings.Contains(out, "status=503") || !strings.Contains(out, "pusher retry") {
		t.Errorf("the debug log is missing request lines:\n%s", out)
	}
	if !strings.Contains(out, "client.key=hygiene-key") {
		t.Errorf("slog did not render the client through LogValue:\n%s", out)
	}
	for line := range strings.SplitSeq(out, "\n") {
		check("log line", line)
	}
}
