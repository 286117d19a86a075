package pushertest_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/pushertest"
	"github.com/go-pusher/channels/signing"
)

// call is one hand-built request to the fake, signed with signing.
type call struct {
	method string
	path   string
	params []signing.Param
	body   string
	// Optional overrides.
	signer      *signing.Signer // default: the server's app
	signPath    string          // path to sign if different from path
	unixTime    int64           // default: now
	contentType string          // default: application/json when body != ""
	rawQuery    string          // if set, sent instead of a signed query
	header      http.Header     // extra request headers
}

func newServer(t *testing.T, opts ...pushertest.Option) *pushertest.Server {
	t.Helper()
	srv := pushertest.NewServer(opts...)
	t.Cleanup(srv.Close)
	return srv
}

func send(t *testing.T, srv *pushertest.Server, c call) (int, string) {
	t.Helper()
	app := srv.App()
	signer := c.signer
	if signer == nil {
		signer = signing.NewSigner(app.Key, app.Secret)
	}
	signPath := c.signPath
	if signPath == "" {
		signPath = c.path
	}
	ts := c.unixTime
	if ts == 0 {
		ts = time.Now().Unix()
	}
	query := c.rawQuery
	if query == "" {
		query = string(signer.AppendQuery(nil, c.method, signPath, c.params, []byte(c.body), ts))
	}
	var body io.Reader
	if c.body != "" {
		body = strings.NewReader(c.body)
	}
	req, err := http.NewRequest(c.method, srv.URL()+c.path+"?"+query, body)
	if err != nil {
		t.Error(err) // not Fatal: send is also called from goroutines
		return -1, err.Error()
	}
	ct := c.contentType
	if ct == "" && c.body != "" {
		ct = "application/json"
	}
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	for k, v := range c.header {
		req.Header[k] = v
	}
	resp, err := srv.HTTPClient().Do(req)
	if err != nil {
		t.Error(err)
		return -1, err.Error()
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Error(err)
		return -1, err.Error()
	}
	return resp.StatusCode, string(b)
}

// mustJSON asserts status 200 and decodes the JSON body into v.
func mustJSON(t *testing.T, status int, body string, v any) {
	t.Helper()
	if status != http.StatusOK {
		t.Fatalf("status %d, body %q", status, body)
	}
	if err := json.Unmarshal([]byte(body), v); err != nil {
		t.Fatalf("body %q: %v", body, err)
	}
}

// jsonEq asserts that body is the JSON value want (ignoring formatting).
func jsonEq(t *testing.T, body, want string) {
	t.Helper()
	var got, exp any
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatalf("body %q is not JSON: %v", body, err)
	}
	if err := json.Unmarshal([]byte(want), &exp); err != nil {
		t.Fatalf("bad want %q: %v", want, err)
	}
	g, _ := json.Marshal(got)
	e, _ := json.Marshal(exp)
	if string(g) != string(e) {
		t.Fatalf("body %s\nwant %s", g, e)
	}
}

func mustSubscribe(t *testing.T, srv *pushertest.Server, channel, socketID string, m *pusher.Member) {
	t.Helper()
	if err := srv.Subscribe(channel, socketID, m); err != nil {
		t.Fatal(err)
	}
}

// signedURL is srv's URL for path with a query signed for its app now.
func signedURL(srv *pushertest.Server, method, path string) string {
	app := srv.App()
	q := signing.NewSigner(app.Key, app.Secret).AppendQuery(nil, method, path, nil, nil, time.Now().Unix())
	return srv.URL() + path + "?" + string(q)
}
