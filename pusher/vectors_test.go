package pusher_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/go-pusher/channels/pusher"
)

// newDocClient is a client with the credentials of Pusher's worked
// examples, its clock fixed at the REST example's timestamp.
func newDocClient(t *testing.T, opts ...pusher.Option) (*pusher.Client, *recordingDoer) {
	t.Helper()
	d := &recordingDoer{}
	base := []pusher.Option{pusher.WithTransport(d), pusher.WithClock(func() time.Time { return time.Unix(docTime, 0) })}
	c, err := pusher.New(docAppID, docKey, docSecret, append(base, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c, d
}

// The REST worked example of Pusher's "HTTP API reference".
const (
	docRESTBody  = `{"name":"foo","channels":["project-3"],"data":"{\"some\":\"data\"}"}`
	docRESTQuery = "auth_key=278d425bdf160c739803&auth_timestamp=1353088179&auth_version=1.0" +
		"&body_md5=ec365a775a4cd0599faeb73354201b6f" +
		"&auth_signature=da454824c97ba181a32ccc17a72625ba02771f50b50e1e7430e47a1f3f457e6c"
)

func TestPublishedRESTExampleThroughTrigger(t *testing.T) {
	c, d := newDocClient(t)
	if _, err := c.Trigger(context.Background(), "project-3", "foo", `{"some":"data"}`); err != nil {
		t.Fatal(err)
	}
	req := d.Last(t)
	if req.Method != http.MethodPost || req.Path() != "/apps/3/events" {
		t.Errorf("sent %s %s, want POST /apps/3/events", req.Method, req.Path())
	}
	if string(req.Body) != docRESTBody {
		t.Errorf("body\n got %s\nwant %s", req.Body, docRESTBody)
	}
	q := req.Query(t)
	if got := q.Get("body_md5"); got != "ec365a775a4cd0599faeb73354201b6f" {
		t.Errorf("body_md5 = %s", got)
	}
	if got := q.Get("auth_signature"); got != "da454824c97ba181a32ccc17a72625ba02771f50b50e1e7430e47a1f3f457e6c" {
		t.Errorf("auth_signature = %s", got)
	}
	if req.RawQuery() != docRESTQuery {
		t.Errorf("query\n got %s\nwant %s", req.RawQuery(), docRESTQuery)
	}
	if ct := req.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q", ct)
	}
}

func TestPublishedRESTExampleThroughPostAndSignedQuery(t *testing.T) {
	c, d := newDocClient(t)
	if _, err := c.Post(context.Background(), "/events", []byte(docRESTBody)); err != nil {
		t.Fatal(err)
	}
	if got := d.Last(t).RawQuery(); got != docRESTQuery {
		t.Errorf("Post query\n got %s\nwant %s", got, docRESTQuery)
	}
	q, err := c.SignedQuery("POST", "/events", nil, []byte(docRESTBody))
	if err != nil {
		t.Fatal(err)
	}
	if q != docRESTQuery {
		t.Errorf("SignedQuery\n got %s\nwant %s", q, docRESTQuery)
	}
}

// hmacHex is hex HMAC-SHA256(secret, msg), computed independently of the
// client.
func hmacHex(secret, msg string) string {
	h := hmac.New(sha256.New, []byte(secret))
	h.Write([]byte(msg))
	return hex.EncodeToString(h.Sum(nil))
}

func TestPublishedAuthorizationExamples(t *testing.T) {
	c, _ := newDocClient(t, pusher.WithEncryptionMasterKeyBase64(testMasterKeyB64))

	t.Run("private channel (published)", func(t *testing.T) {
		auth, err := c.AuthorizeChannel(docSocket, "private-foobar")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := json.Marshal(auth)
		// The auth response of the auth-signatures page, byte for byte.
		want := `{"auth":"278d425bdf160c739803:58df8b0c36d6982b82c3ecf6b4662e34fe8c25bba48f5369f135bf843651c3a4"}`
		if string(body) != want {
			t.Errorf("got  %s\nwant %s", body, want)
		}
	})

	t.Run("user authentication (published)", func(t *testing.T) {
		ua, err := c.AuthenticateUser(docSocket, pusher.User{ID: "12345"})
		if err != nil {
			t.Fatal(err)
		}
		if want := "278d425bdf160c739803:4708d583dada6a56435fb8bc611c77c359a31eebde13337c16ab43aa6de336ba"; ua.Auth != want {
			t.Errorf("auth = %s, want %s", ua.Auth, want)
		}
		body, _ := json.Marshal(ua)
		if want := `{"auth":"` + ua.Auth + `","user_data":"{\"id\":\"12345\"}"}`; string(body) != want {
			t.Errorf("body %s, want %s", body, want)
		}
	})

	t.Run("user authentication with info and watchlist", func(t *testing.T) {
		ua, err := c.AuthenticateUser("9876.5432", pusher.User{ID: "10", UserInfo: map[string]string{"name": "Ada"}, Watchlist: []string{"1", "2"}})
		if err != nil {
			t.Fatal(err)
		}
		wantData := `{"id":"10","user_info":{"name":"Ada"},"watchlist":["1","2"]}`
		if ua.UserData != wantData {
			t.Errorf("user_data = %s, want %s", ua.UserData, wantData)
		}
		if want := docKey + ":" + hmacHex(docSecret, "9876.5432::user::"+wantData); ua.Auth != want {
			t.Errorf("auth = %s, want %s", ua.Auth, want)
		}
	})

	// The published presence example uses a numeric user_id, which Member
	// (a string UserID, as pusher-js expects) cannot produce; this vector
	// follows the documented string to sign, socket:channel:channel_data.
	t.Run("presence channel", func(t *testing.T) {
		auth, err := c.AuthorizePresenceChannel(docSocket, "presence-foobar",
			pusher.Member{UserID: "10", UserInfo: map[string]string{"name": "Mr. Channels"}})
		if err != nil {
			t.Fatal(err)
		}
		wantData := `{"user_id":"10","user_info":{"name":"Mr. Channels"}}`
		if auth.ChannelData != wantData {
			t.Errorf("channel_data = %s, want %s", auth.ChannelData, wantData)
		}
		wantAuth := docKey + ":" + hmacHex(docSecret, docSocket+":presence-foobar:"+wantData)
		if auth.Auth != wantAuth {
			t.Errorf("auth = %s, want %s", auth.Auth, wantAuth)
		}
		body, _ := json.Marshal(auth)
		want := `{"auth":"` + wantAuth + `","channel_data":"{\"user_id\":\"10\",\"user_info\":{\"name\":\"Mr. Channels\"}}"}`
		if string(body) != want {
			t.Errorf("body %s\nwant %s", body, want)
		}
	})

	t.Run("presence member without info", func(t *testing.T) {
		auth, err := c.AuthorizePresenceChannel(docSocket, "presence-foobar", pusher.Member{UserID: "7"})
		if err != nil {
			t.Fatal(err)
		}
		if auth.ChannelData != `{"user_id":"7"}` {
			t.Errorf("channel_data = %s", auth.ChannelData)
		}
	})

	t.Run("encrypted channel adds shared_secret", func(t *testing.T) {
		const channel = "private-encrypted-foobar"
		auth, err := c.AuthorizeChannel(docSocket, channel)
		if err != nil {
			t.Fatal(err)
		}
		if want := docKey + ":" + hmacHex(docSecret, docSocket+":"+channel); auth.Auth != want {
			t.Errorf("auth = %s, want %s", auth.Auth, want)
		}
		master, _ := base64.StdEncoding.DecodeString(testMasterKeyB64)
		sum := sha256.Sum256(append([]byte(channel), master...))
		if want := base64.StdEncoding.EncodeToString(sum[:]); auth.SharedSecret != want {
			t.Errorf("shared_secret = %s, want %s", auth.SharedSecret, want)
		}
		body, _ := json.Marshal(auth)
		if want := `{"auth":"` + auth.Auth + `","shared_secret":"` + auth.SharedSecret + `"}`; string(body) != want {
			t.Errorf("body %s, want %s", body, want)
		}
	})
}

// TestChannelNameCharactersAreSignedUnescaped checks, on a captured
// request, that a query value with every allowed punctuation is escaped on
// the wire but signed as it is, as the service expects.
func TestChannelNameCharactersAreSignedUnescaped(t *testing.T) {
	c, d := newDocClient(t)
	const prefix = "presence-=@,.;"
	if _, err := c.Channels(context.Background(), pusher.ChannelsOptions{Prefix: prefix, Info: []string{"user_count"}}); err != nil {
		t.Fatal(err)
	}
	req := d.Last(t)
	q := req.Query(t)
	if q.Get("filter_by_prefix") != prefix {
		t.Errorf("filter_by_prefix decodes to %q", q.Get("filter_by_prefix"))
	}
	toSign := "GET\n/apps/3/channels\nauth_key=" + docKey + "&auth_timestamp=1353088179&auth_version=1.0" +
		"&filter_by_prefix=" + prefix + "&info=user_count"
	if got, want := q.Get("auth_signature"), hmacHex(docSecret, toSign); got != want {
		t.Errorf("auth_signature = %s, want %s", got, want)
	}
}
