package faults_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/go-pusher/channels/internal/faults"
	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/signing"
)

// webhookSecret is a second secret the client accepts webhooks for; it must
// not leak either.
const webhookSecret = "webhook-s3cr3t-never-print-Pp4"

// TestNoSecretInCallErrors drives every error path of the calls that does
// not need a misbehaving server (TestFaults covers those): validation,
// encryption, authorization and webhook errors, on a client of each
// transport with a debug logger, and checks every rendering of every error
// and the log.
func TestNoSecretInCallErrors(t *testing.T) {
	for _, tr := range allTransports() {
		t.Run(tr.name, func(t *testing.T) {
			t.Parallel()
			spy := newSpy(t, tr)
			srv := newServer(t, faults.Respond(200, "{}"))
			logs := &logSink{}
			c := newClient(t, srv.Host(), spy, logs,
				pusher.WithWebhookCredentials("rotated-key", webhookSecret),
				pusher.WithWebhookMaxAge(time.Minute))
			// plain has no master key, for the paths that need one.
			plain, err := pusher.New(appID, appKey, appSecret, pusher.WithHost(srv.Host()), pusher.WithTLS(false),
				pusher.WithTransport(spy), pusher.WithLogger(logs.logger()))
			if err != nil {
				t.Fatal(err)
			}

			signer := signing.NewSigner(appKey, appSecret)
			var needles []string
			webhook := func(key string, body string) (http.Header, []byte) {
				sig := signer.WebhookSignature([]byte(body))
				needles = append(needles, sig)
				h := http.Header{}
				h.Set(pusher.HeaderWebhookKey, key)
				h.Set(pusher.HeaderWebhookSignature, sig)
				return h, []byte(body)
			}
			now := time.Now().UnixMilli()
			fresh := fmt.Sprintf(`{"time_ms":%d,"events":[`, now)
			envelope := `{\"nonce\":\"AAECAwQFBgcICQoLDA0ODxAREhMUFRYX\",\"ciphertext\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}`

			ctx := context.Background()
			errs := map[string]func() error{
				"empty channel":  func() error { _, err := c.Trigger(ctx, "", "e", "d"); return err },
				"bad channel":    func() error { _, err := c.Trigger(ctx, "bad channel!", "e", "d"); return err },
				"empty event":    func() error { _, err := c.Trigger(ctx, "a", "", "d"); return err },
				"data too large": func() error { _, err := c.Trigger(ctx, "a", "e", strings.Repeat(appSecret, 1000)); return err },
				"encrypted too large": func() error {
					_, err := c.Trigger(ctx, "private-encrypted-a", "e", strings.Repeat("x", 11000))
					return err
				},
				"unencodable data":  func() error { _, err := c.Trigger(ctx, "a", "e", make(chan int)); return err },
				"too many channels": func() error { _, err := c.TriggerMulti(ctx, make([]string, 101), "e", "d"); return err },
				"encrypted in multi": func() error {
					_, err := c.TriggerMulti(ctx, []string{"a", "private-encrypted-b"}, "e", "d")
					return err
				},
				"encrypted, no key": func() error { _, err := plain.Trigger(ctx, "private-encrypted-a", "e", "d"); return err },
				"bad socket id":     func() error { _, err := c.Trigger(ctx, "a", "e", "d", pusher.ExcludeSocket("1.2:x")); return err },
				"bad info":          func() error { _, err := c.Trigger(ctx, "a", "e", "d", pusher.WithInfo("a&auth_key=x")); return err },
				"batch too large":   func() error { _, err := c.TriggerBatch(ctx, make([]pusher.Event, 11)); return err },
				"bad batch event": func() error {
					_, err := c.TriggerBatch(ctx, []pusher.Event{{Channel: "a", Name: "e", Data: "d"}, {Channel: "a b", Name: "e"}})
					return err
				},
				"bad user id":           func() error { return c.SendToUser(ctx, "a b", "e", "d") },
				"bad prefix":            func() error { _, err := c.Channels(ctx, pusher.ChannelsOptions{Prefix: "a b"}); return err },
				"bad channel info":      func() error { _, err := c.Channel(ctx, "a", ""); return err },
				"users of non-presence": func() error { _, err := c.Users(ctx, "private-a"); return err },
				"terminate bad user":    func() error { return c.TerminateUserConnections(ctx, "") },
				"bad Get path":          func() error { _, err := c.Get(ctx, "channels", nil); return err },
				"Get with auth param": func() error {
					_, err := c.Get(ctx, "/channels", url.Values{"auth_signature": {strings.Repeat("ab", 32)}})
					return err
				},
				"bad Post path":            func() error { _, err := c.Post(ctx, "/../x", nil); return err },
				"bad SignedQuery":          func() error { _, err := c.SignedQuery("GET", "/x?y", nil, nil); return err },
				"nil ctx":                  func() error { _, err := c.Trigger(nilContext(), "a", "e", "d"); return err },
				"auth bad socket":          func() error { _, err := c.AuthorizeChannel("x", "private-a"); return err },
				"auth public channel":      func() error { _, err := c.AuthorizeChannel("1.2", "public"); return err },
				"auth presence as private": func() error { _, err := c.AuthorizeChannel("1.2", "presence-a"); return err },
				"auth encrypted, no key":   func() error { _, err := plain.AuthorizeChannel("1.2", "private-encrypted-a"); return err },
				"presence bad member": func() error {
					_, err := c.AuthorizePresenceChannel("1.2", "presence-a", pusher.Member{})
					return err
				},
				"presence unencodable info": func() error {
					_, err := c.AuthorizePresenceChannel("1.2", "presence-a", pusher.Member{UserID: "1", UserInfo: make(chan int)})
					return err
				},
				"user bad watchlist": func() error {
					_, err := c.AuthenticateUser("1.2", pusher.User{ID: "1", Watchlist: []string{"a b"}})
					return err
				},
				"webhook unknown key": func() error {
					h, b := webhook("other-key", fresh+`]}`)
					_, err := c.VerifyWebhook(h, b)
					return err
				},
				"webhook no signature": func() error {
					_, err := c.VerifyWebhook(http.Header{pusher.HeaderWebhookKey: {appKey}}, []byte(fresh+`]}`))
					return err
				},
				"webhook wrong signature": func() error {
					h, _ := webhook(appKey, fresh+`]}`)
					_, err := c.VerifyWebhook(h, []byte(fresh+`{}]}`))
					return err
				},
				"webhook malformed": func() error { _, err := c.VerifyWebhook(webhook(appKey, `{"time_ms":"x"`)); return err },
				"webhook no events": func() error { _, err := c.VerifyWebhook(webhook(appKey, `{"time_ms":1}`)); return err },
				"webhook expired":   func() error { _, err := c.VerifyWebhook(webhook(appKey, `{"time_ms":1000,"events":[]}`)); return err },
				"webhook bad envelope": func() error {
					return rejectedErr(c.VerifyWebhook(webhook(appKey, fresh+`{"name":"client_event","channel":"private-encrypted-a","event":"client-x","data":"`+envelope+`"}]}`)))
				},
				"webhook encrypted, no key": func() error {
					return rejectedErr(plain.VerifyWebhook(webhook(appKey, fresh+`{"name":"client_event","channel":"private-encrypted-a","event":"client-x","data":"`+envelope+`"}]}`)))
				},
			}
			for name, f := range errs {
				err := f()
				if err == nil {
					t.Errorf("%s: no error", name)
					continue
				}
				assertErrorClean(t, name, err, secretNeedles(needles...))
			}
			assertNoLeak(t, "the log", logs.String(), secretNeedles(spy.signatures()...))
		})
	}
}

// rejectedErr is the error of a webhook's first rejected event, or err.
func rejectedErr(wh *pusher.Webhook, err error) error {
	if err == nil && wh != nil && len(wh.Rejected) > 0 {
		return wh.Rejected[0].Err
	}
	return err
}

// nilContext returns a nil context.Context without a literal nil at the
// call site.
func nilContext() context.Context { return nil }

// TestNoSecretInConfigErrors builds clients with bad options and bad
// PUSHER_URLs that hold the secret, and checks every rendering of every
// error.
func TestNoSecretInConfigErrors(t *testing.T) {
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	short := masterKeyRaw[:31]
	newErrs := map[string][]pusher.Option{
		"bad host":              {pusher.WithHost("h/" + appSecret)},
		"bad port":              {pusher.WithHost("h:99999")},
		"bad cluster":           {pusher.WithCluster("EU!")},
		"negative timeout":      {pusher.WithTimeout(-1)},
		"zero limits":           {pusher.WithLimits(pusher.Limits{})},
		"master key not base64": {pusher.WithEncryptionMasterKeyBase64(masterKeyB64() + "!")},
		"master key 31 bytes":   {pusher.WithEncryptionMasterKeyBase64(b64(short))},
		"master key 33 bytes":   {pusher.WithEncryptionMasterKeyBase64(b64(masterKeyRaw + "x"))},
		"raw master key":        {pusher.WithEncryptionMasterKeyBase64(masterKeyRaw)},
		"empty master key":      {pusher.WithEncryptionMasterKeyBase64("")},
		"webhook creds no key":  {pusher.WithWebhookCredentials("", appSecret)},
		"negative retry":        {pusher.WithRetry(pusher.RetryPolicy{MaxAttempts: -1})},
		"negative webhook age":  {pusher.WithWebhookMaxAge(-1)},
	}
	needles := secretNeedles(short, b64(short), b64(masterKeyRaw+"x"), masterKeyB64()+"!")
	for name, opts := range newErrs {
		_, err := pusher.New(appID, appKey, appSecret, opts...)
		if err == nil {
			t.Errorf("New with %s: no error", name)
			continue
		}
		assertErrorClean(t, "New with "+name, err, needles)
	}
	for name, args := range map[string][3]string{
		"bad app id":   {"x/" + appSecret[:0], appKey, appSecret},
		"empty key":    {appID, "", appSecret},
		"empty secret": {appID, appKey, ""},
	} {
		_, err := pusher.New(args[0], args[1], args[2])
		if err == nil {
			t.Errorf("New with %s: no error", name)
			continue
		}
		assertErrorClean(t, "New with "+name, err, needles)
	}

	// Each URL holds the secret, raw or percent-encoded.
	encoded := url.UserPassword(appKey, appSecret+"!@").String() // key:s3cr3t…%21%40
	urlNeedles := append(secretNeedles(), appSecret+"!@", strings.TrimPrefix(encoded, appKey+":"))
	for _, raw := range []string{
		"https://key:" + appSecret + "@host/apps/x%2Fy",
		"https://key:" + appSecret + "@host/apps/1?x=1",
		"https://key:" + appSecret + "@host/apps/1#frag",
		"https://key:" + appSecret + "@ho st/apps/1",
		"https://key:" + appSecret + "@host/apps/1\n",
		"https://key:" + appSecret + "%zz@host/apps/1",
		"ftp://key:" + appSecret + "@host/apps/1",
		"https://key:" + appSecret + "@host:99999/apps/1",
		"https://key:" + appSecret + "@/apps/1",
		"https://key:" + appSecret + "@[::1/apps/1",
		"https://key:" + appSecret + "@host/wrong/1",
		"https://key:" + appSecret + "@host/apps/1/extra",
		"https://:" + appSecret + "@host/apps/1",
		"https://" + encoded + "@host/apps/x%2Fy",
		"https://" + encoded + "@h_o st/apps/1",
		"%zz://key:" + appSecret + "@host/apps/1",
		appSecret,
	} {
		_, err := pusher.FromURL(raw)
		if err == nil {
			t.Errorf("FromURL(%q): no error", raw)
			continue
		}
		assertErrorClean(t, "FromURL", err, urlNeedles)
		t.Setenv(pusher.EnvURL, raw)
		if _, err := pusher.FromEnv(); err == nil {
			t.Errorf("FromEnv with %q: no error", raw)
		} else {
			assertErrorClean(t, "FromEnv", err, urlNeedles)
		}
	}
}

// TestClientPrintsNoSecret prints a fully configured client every way
// fmt, slog and encoding/json can, including its struct fields through
// reflection, and looks for the secrets.
func TestClientPrintsNoSecret(t *testing.T) {
	for _, tr := range allTransports() {
		t.Run(tr.name, func(t *testing.T) {
			spy := newSpy(t, tr)
			c := newClient(t, "127.0.0.1:1", spy, nil,
				pusher.WithWebhookCredentials("rotated-key", webhookSecret),
				pusher.WithRetry(pusher.RetryPolicy{MaxAttempts: 3}))
			fromURL, err := pusher.FromURL("http://"+appKey+":"+appSecret+"@127.0.0.1:1/apps/"+appID,
				pusher.WithTransport(spy), pusher.WithEncryptionMasterKeyBase64(masterKeyB64()))
			if err != nil {
				t.Fatal(err)
			}
			needles := secretNeedles(webhookSecret)
			for name, cl := range map[string]*pusher.Client{"New": c, "FromURL": fromURL} {
				holder := struct {
					Client *pusher.Client
					Any    any
				}{cl, cl}
				var texts []string
				for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
					texts = append(texts, fmt.Sprintf(verb, cl), fmt.Sprintf(verb, holder))
				}
				// A caller printing the struct itself, not the pointer: fmt
				// then walks the unexported fields.
				texts = append(texts, fmt.Sprintf("%+v", reflect.ValueOf(cl).Elem().Interface()),
					fmt.Sprintf("%#v", reflect.ValueOf(cl).Elem().Interface()))
				js, _ := json.Marshal(holder)
				texts = append(texts, string(js))

				logs := &logSink{}
				l := logs.logger()
				l.Debug("client", "client", cl)
				l.Info("client", slog.Any("client", cl), slog.Any("holder", holder))
				l.With("client", cl).Warn("with")
				texts = append(texts, logs.String())
				if !strings.Contains(logs.String(), appKey) {
					t.Errorf("%s: the log does not show the client at all: %s", name, logs.String())
				}
				for _, text := range texts {
					assertNoLeak(t, name+" client printed", text, needles)
				}
			}
		})
	}
}
