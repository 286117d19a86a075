package pusher_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-pusher/channels/crypto"
	"github.com/go-pusher/channels/domain"
	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/transport"
)

// Credentials of the fuzz targets' app. The secrets are distinctive so a
// leak into an error message is found by a substring search.
const (
	fuzzAppID         = "77"
	fuzzKey           = "fuzz-key"
	fuzzSecret        = "fuzz-s3cr3t-Xy7"
	fuzzRotatedKey    = "fuzz-rotated"
	fuzzRotatedSecret = "fuzz-rotated-s3cr3t-Qw2"
	// fuzzMasterKeyB64 is the base64 of the 32 bytes 0x00..0x1f.
	fuzzMasterKeyB64 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
	fuzzMaxAge       = 5 * time.Minute
)

// fuzzNow is the fixed clock of the fuzz targets' clients.
var fuzzNow = time.UnixMilli(1_700_000_000_000)

// fuzzWebhookSignature is hex HMAC-SHA256(secret, body), computed here
// independently of the signing package.
func fuzzWebhookSignature(secret string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return hex.EncodeToString(m.Sum(nil))
}

// fuzzEnvelope encrypts plaintext for channel with the fuzz master key and
// returns the envelope as a JSON string literal, ready to be a webhook's data.
func fuzzEnvelope(f *testing.F, channel, plaintext string) string {
	mk, err := crypto.ParseMasterKey(fuzzMasterKeyB64)
	if err != nil {
		f.Fatal(err)
	}
	env, err := mk.Encrypt(channel, []byte(plaintext), nil)
	if err != nil {
		f.Fatal(err)
	}
	lit, _ := json.Marshal(string(env))
	return string(lit)
}

// fuzzWebhookErrors are the sentinels a failed webhook check matches.
var fuzzWebhookErrors = []error{
	pusher.ErrWebhookUnknownKey, pusher.ErrWebhookSignature, pusher.ErrWebhookExpired,
	pusher.ErrWebhookMalformed, pusher.ErrWebhookDecrypt,
}

// FuzzVerifyWebhook checks arbitrary webhook deliveries, signed with the
// right secret (sign) or with whatever signature the input holds. A check
// never panics; a failure returns no webhook and matches one of the
// webhook sentinels without quoting a secret; a success needs the right
// signature and returns a fresh webhook with time and events. Both entry
// points agree.
func FuzzVerifyWebhook(f *testing.F) {
	ms := strconv.FormatInt(fuzzNow.UnixMilli(), 10)
	const enc = "private-encrypted-room"
	bodies := []string{
		`{"time_ms":` + ms + `,"events":[{"name":"channel_occupied","channel":"news"}]}`,
		`{"time_ms":` + ms + `,"events":[{"name":"channel_vacated","channel":"news"},{"name":"member_added","channel":"presence-r","user_id":"7"}]}`,
		`{"time_ms":` + ms + `,"events":[{"name":"client_event","channel":"private-r","event":"client-typing","data":"{\"a\":1}","socket_id":"1.2","user_id":"7"}]}`,
		`{"time_ms":` + ms + `,"events":[{"name":"client_event","channel":"` + enc + `","event":"client-x","data":` + fuzzEnvelope(f, enc, `{"secret":"plans"}`) + `}]}`,
		`{"time_ms":` + ms + `,"events":[{"name":"client_event","channel":"` + enc + `","event":"client-x","data":` + fuzzEnvelope(f, "private-encrypted-other", `x`) + `}]}`,
		`{"time_ms":` + ms + `,"events":[{"name":"subscription_count","channel":"news","subscription_count":3},{"name":"cache_miss","channel":"cache-x"}]}`,
		`{"time_ms":` + ms + `,"events":[{"name":"client_event","channel":"news","data":{"obj":[1,2]}}]}`,
		`{"time_ms":` + ms + `,"events":[]}`,
		`{"time_ms":1,"events":[]}`,
		`{"time_ms":` + ms + `}`,
		`{"events":[]}`,
		`{"time_ms":"soon","events":[]}`,
		`{"time_ms":` + ms + `,"events":{}}`,
		`[]`, `null`, ``, `{`, "\xff",
	}
	for i, b := range bodies {
		f.Add(fuzzKey, "", []byte(b), true)
		f.Add(fuzzRotatedKey, "", []byte(b), i%3 == 0)
		f.Add(fuzzKey, fuzzWebhookSignature("wrong", []byte(b)), []byte(b), false)
	}
	f.Add("", "", []byte(bodies[0]), false)
	f.Add("unknown", "00", []byte(bodies[0]), false)
	f.Add(fuzzKey, strings.ToUpper(fuzzWebhookSignature(fuzzSecret, []byte(bodies[0]))), []byte(bodies[0]), false)

	c, err := pusher.New(fuzzAppID, fuzzKey, fuzzSecret,
		pusher.WithEncryptionMasterKeyBase64(fuzzMasterKeyB64),
		pusher.WithWebhookCredentials(fuzzRotatedKey, fuzzRotatedSecret),
		pusher.WithWebhookMaxAge(fuzzMaxAge),
		pusher.WithClock(func() time.Time { return fuzzNow }))
	if err != nil {
		f.Fatal(err)
	}
	secrets := map[string]string{fuzzKey: fuzzSecret, fuzzRotatedKey: fuzzRotatedSecret}

	f.Fuzz(func(t *testing.T, key, signature string, body []byte, sign bool) {
		secret, known := secrets[key]
		if sign && known {
			signature = fuzzWebhookSignature(secret, body)
		}
		wh, err := c.VerifyWebhookSignature(key, signature, body)

		h := http.Header{}
		h.Set(pusher.HeaderWebhookKey, key)
		h.Set(pusher.HeaderWebhookSignature, signature)
		if h.Get(pusher.HeaderWebhookKey) == key && h.Get(pusher.HeaderWebhookSignature) == signature {
			wh2, err2 := c.VerifyWebhook(h, body)
			if fmt.Sprint(err) != fmt.Sprint(err2) || !reflect.DeepEqual(wh, wh2) {
				t.Fatalf("VerifyWebhook and VerifyWebhookSignature disagree: %v / %v", err, err2)
			}
		}

		if err != nil {
			if wh != nil {
				t.Fatalf("a webhook returned with error %v", err)
			}
			matched := false
			for _, s := range fuzzWebhookErrors {
				matched = matched || errors.Is(err, s)
			}
			if !matched {
				t.Fatalf("error %v matches no webhook sentinel", err)
			}
			msg := fmt.Sprintf("%v %+v", err, err)
			for _, s := range []string{fuzzSecret, fuzzRotatedSecret, fuzzMasterKeyB64} {
				if strings.Contains(msg, s) {
					t.Fatalf("error quotes a secret: %s", msg)
				}
			}
			if known && len(signature) == 64 && strings.Contains(msg, fuzzWebhookSignature(secret, body)) {
				t.Fatalf("error quotes the expected signature: %s", msg)
			}
			return
		}
		if !known || !strings.EqualFold(signature, fuzzWebhookSignature(secret, body)) {
			t.Fatalf("accepted key %q signature %q for a body it does not sign", key, signature)
		}
		if wh == nil || wh.TimeMs <= 0 || wh.Events == nil {
			t.Fatalf("accepted webhook %+v", wh)
		}
		if age := fuzzNow.Sub(time.UnixMilli(wh.TimeMs)); age > fuzzMaxAge || age < -fuzzMaxAge {
			t.Fatalf("accepted a webhook %v old", age)
		}
	})
}

// FuzzFromURL parses arbitrary PUSHER_URLs. It never panics, fails only
// with a *ConfigError, and neither its errors nor the client it builds
// depend on the secret in the URL: the same URL with another secret of the
// same length gives the same error or the same printed client.
func FuzzFromURL(f *testing.F) {
	for _, s := range []string{
		"https://key:secret@api-eu.pusher.com/apps/123",
		"http://key:secret@127.0.0.1:8080/apps/1/",
		"https://key:s3cr3t@host/apps/x",
		"https://key:s3cr3t@host/apps/1?x=1",
		"https://key:s3cr3t@host/apps/1#f",
		"https://key:s3cr3t@ho st/apps/1",
		"https://key:s%3Acr%40t@host/apps/1",
		"https://key:%zz@host/apps/1",
		"https://key@host/apps/1",
		"https://:s@host/apps/1",
		"ftp://key:s@host/apps/1",
		"https://key:s@host:0/apps/1",
		"https://key:s@[::1]:443/apps/1",
		"https://key:s@/apps/1",
		"//key:s@host/apps/1",
		"http://app-key:app-secret@127.0.0.1:6001/pusher/apps/app-id",
		"https://k:s@h/a/b/apps/x.y~z/",
		"https://k:s@h/a/../apps/1",
		"https://k:s@h//apps/1",
		"", "apps/1", "https://",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		c, err := pusher.FromURL(raw)
		if err != nil {
			var ce *pusher.ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("error %v (%T), want a *pusher.ConfigError", err, err)
			}
		} else if c == nil {
			t.Fatal("no client and no error")
		}
		u, perr := url.Parse(raw)
		if perr != nil || u.User == nil {
			return
		}
		secret, ok := u.User.Password()
		if !ok || secret == "" {
			return
		}
		if domain.ValidateAppSecret(secret) != nil {
			// A secret the rules refuse may change the outcome, by design,
			// to a *ConfigError on the secret that does not quote it; an
			// error found before the secret is checked must not change.
			var ce *pusher.ConfigError
			if errors.As(err, &ce) && ce.Field == "secret" {
				if strings.Contains(err.Error(), secret) && len(secret) > 2 {
					t.Fatalf("the error quotes the secret: %v", err)
				}
				return
			}
		}
		other := strings.Repeat("Z", len(secret))
		if other == secret {
			other = strings.Repeat("Y", len(secret))
		}
		a, b := *u, *u
		a.User = url.UserPassword(u.User.Username(), secret)
		b.User = url.UserPassword(u.User.Username(), other)
		// Only the secret differs, so any difference is the secret showing
		// through (or changing the outcome).
		if got, want := fromURLText(a.String()), fromURLText(b.String()); got != want {
			t.Fatalf("the outcome depends on the secret:\n%s\n%s", got, want)
		}
	})
}

// fromURLText renders what FromURL(raw) gives: its error, with every
// error it wraps, or its client, every way they print, with pointer
// addresses blanked.
func fromURLText(raw string) string {
	c, err := pusher.FromURL(raw)
	var text string
	if err != nil {
		for e := err; e != nil; e = errors.Unwrap(e) {
			text += fmt.Sprintf("error %v | %+v | %#v\n", e, e, e)
		}
	} else {
		text = fmt.Sprintf("client %v | %+v | %#v | %+v", c, c, c, reflect.ValueOf(c).Elem().Interface())
	}
	return fuzzPointer.ReplaceAllString(text, "0x…")
}

// fuzzPointer matches a printed pointer address.
var fuzzPointer = regexp.MustCompile(`0x[0-9a-f]+`)

// fuzzSignature finds an auth_signature value in a URL.
var fuzzSignature = regexp.MustCompile(`auth_signature=([0-9a-f]+)`)

// fuzzHexRun finds what looks like a signature.
var fuzzHexRun = regexp.MustCompile(`[0-9a-fA-F]{64}`)

// FuzzResponseParsing drives calls that parse an answer (trigger and
// batch with info, Channels, Channel, Users, Get, TerminateUserConnections)
// through a transport that answers with the fuzzed status and body. A call
// never panics; it returns either its result and no error, for a 2xx
// that decodes, or a typed error: an *APIError that keeps at most 1 KiB of
// body and no signature, or one matching ErrMalformedResponse.
func FuzzResponseParsing(f *testing.F) {
	for op := range uint8(7) {
		for _, s := range []struct {
			status int
			body   string
		}{
			{200, `{}`},
			{200, `{"channels":{"presence-room":{"user_count":3,"subscription_count":4}}}`},
			{200, `{"occupied":true,"user_count":2,"subscription_count":5}`},
			{200, `{"users":[{"id":"1"},{"id":"2"}]}`},
			{200, `{"batch":[{"user_count":1},{}]}`},
			{200, `{"error":"Invalid signature","code":401}`},
			{200, `{"error":null}`},
			{200, `{"channels":{"a":`},
			{200, `<html>`},
			{200, ``},
			{202, `{"users":"x"}`},
			{302, ``},
			{400, `Invalid query: auth_signature=` + strings.Repeat("ab", 32)},
			{401, `{"error":"Unauthorized"}`},
			{413, strings.Repeat("x", 2000)},
			{503, `Service Unavailable`},
			{0, ``},
			{-1, `{}`},
		} {
			f.Add(op, s.status, []byte(s.body))
		}
	}
	// The fuzz function runs one input at a time in each worker process, so
	// one client whose transport answers with the current input will do.
	var (
		status int
		body   []byte
		sent   []string
	)
	doer := transport.DoerFunc(func(_ context.Context, req *transport.Request) (*transport.Response, error) {
		sent = append(sent, req.URL)
		return &transport.Response{StatusCode: status, Header: http.Header{"Content-Type": {"application/json"}}, Body: body}, nil
	})
	c, err := pusher.New(fuzzAppID, fuzzKey, fuzzSecret, pusher.WithTransport(doer),
		pusher.WithClock(func() time.Time { return fuzzNow }))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, op uint8, fuzzStatus int, fuzzBody []byte) {
		status, body, sent = fuzzStatus, fuzzBody, nil
		ctx := context.Background()
		var res any
		var err error
		switch op % 7 {
		case 0:
			res, err = c.Trigger(ctx, "presence-room", "ev", "d", pusher.WithInfo("user_count", "subscription_count"))
		case 1:
			res, err = c.TriggerBatch(ctx, []pusher.Event{{Channel: "presence-room", Name: "ev", Data: "d", Info: []string{"user_count"}}, {Channel: "b", Name: "ev", Data: 1}})
		case 2:
			res, err = c.Channels(ctx, pusher.ChannelsOptions{Prefix: "presence-", Info: []string{"user_count"}})
		case 3:
			res, err = c.Channel(ctx, "presence-room", "user_count", "subscription_count")
		case 4:
			res, err = c.Users(ctx, "presence-room")
		case 5:
			res, err = c.Get(ctx, "/channels", url.Values{"info": {"x"}})
		default:
			err = c.TerminateUserConnections(ctx, "user-1")
		}
		if len(sent) != 1 {
			t.Fatalf("%d requests sent, want 1", len(sent))
		}
		if err == nil {
			if status < 200 || status > 299 {
				t.Fatalf("status %d accepted as a success: %+v", status, res)
			}
			return
		}
		var api *pusher.APIError
		switch {
		case errors.As(err, &api):
			if api.HTTPStatus != status {
				t.Fatalf("APIError.HTTPStatus %d, answer %d", api.HTTPStatus, status)
			}
			if status >= 200 && status <= 299 && !strings.Contains(strings.ToLower(string(body)), "error") && !strings.Contains(string(body), `\`) {
				t.Fatalf("a 2xx without an error member became %v", err)
			}
			if len(api.Body) > 1024 {
				t.Fatalf("APIError keeps %d bytes of body", len(api.Body))
			}
		case errors.Is(err, pusher.ErrMalformedResponse):
			if status < 200 || status > 299 {
				t.Fatalf("status %d reported as a malformed 2xx: %v", status, err)
			}
		default:
			t.Fatalf("error %v (%T) is neither an *APIError nor ErrMalformedResponse", err, err)
		}
		msg := fmt.Sprintf("%v %+v %#v", err, err, err)
		if strings.Contains(msg, fuzzSecret) {
			t.Fatalf("error quotes the secret: %s", msg)
		}
		if m := fuzzSignature.FindStringSubmatch(sent[0]); m != nil && strings.Contains(msg, m[1][:16]) {
			t.Fatalf("error quotes the request's signature: %s", msg)
		}
		// Not on %#v, which may print a byte of the body as \xbf and so
		// make a hex run out of a shorter one.
		if m := fuzzHexRun.FindString(err.Error()); m != "" {
			t.Fatalf("error holds a 64-hex-digit run %s: %v", m, err)
		}
	})
}
