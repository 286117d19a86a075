package faults_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/transport"
)

// hexSignature is the shape of an HMAC-SHA256 in hex (what auth_signature,
// X-Pusher-Signature and auth strings carry), or of an auth_signature
// parameter with any hex digit of a value.
var hexSignature = regexp.MustCompile(`[0-9a-fA-F]{64}|auth_signature=[0-9a-fA-F]`)

// secretNeedles are the strings no output may hold, whatever the call: the
// secret, the master key and its base64, and each signature given, whole or
// its first 16 hex digits.
func secretNeedles(signatures ...string) []string {
	needles := []string{appSecret, masterKeyRaw, masterKeyB64()}
	for _, s := range signatures {
		needles = append(needles, s)
		if len(s) > 16 {
			needles = append(needles, s[:16])
		}
	}
	return needles
}

// assertNoLeak fails t if text holds a needle or anything shaped like a
// signature. what says where text came from.
func assertNoLeak(t *testing.T, what, text string, needles []string) {
	t.Helper()
	for _, n := range needles {
		if i := strings.Index(text, n); n != "" && i >= 0 {
			t.Errorf("%s leaks %q: …%s…", what, n, around(text, i, len(n)))
		}
	}
	if loc := hexSignature.FindStringIndex(text); loc != nil {
		t.Errorf("%s holds a signature: …%s…", what, around(text, loc[0], loc[1]-loc[0]))
	}
}

// around returns text[i:i+n] with up to 60 bytes either side.
func around(text string, i, n int) string {
	return text[max(0, i-60):min(len(text), i+n+60)]
}

// errorTexts renders err every way a caller might: Error(), %v, %+v, %#v,
// and the same for every error reachable through Unwrap, since a caller's
// error reporter may walk the chain and print each cause.
func errorTexts(err error) []string {
	var out []string
	var walk func(e error, depth int)
	walk = func(e error, depth int) {
		if e == nil || depth > 32 {
			return
		}
		out = append(out, e.Error(), fmt.Sprintf("%v", e), fmt.Sprintf("%+v", e), fmt.Sprintf("%#v", e))
		switch u := e.(type) {
		case interface{ Unwrap() error }:
			walk(u.Unwrap(), depth+1)
		case interface{ Unwrap() []error }:
			for _, c := range u.Unwrap() {
				walk(c, depth+1)
			}
		}
	}
	walk(err, 0)
	return out
}

// assertErrorClean checks every rendering of err for needles.
func assertErrorClean(t *testing.T, what string, err error, needles []string) {
	t.Helper()
	seen := map[string]bool{}
	for _, text := range errorTexts(err) {
		if !seen[text] {
			seen[text] = true
			assertNoLeak(t, what+" error", text, needles)
		}
	}
}

// TestLeakCheckFindsLeaks makes sure the checks above can fail: an error
// quoting a signed URL through a plain wrapped cause is caught.
func TestLeakCheckFindsLeaks(t *testing.T) {
	sig := strings.Repeat("ab", 32)
	cause := errors.New(`Get "http://h/apps/1/channels?auth_key=k&auth_signature=` + sig + `": EOF`)
	wrapped := fmt.Errorf("pusher: GET /apps/1/channels: [cause hidden]: %w", errors.Join(cause))
	found := false
	for _, text := range errorTexts(wrapped) {
		if strings.Contains(text, sig) && hexSignature.MatchString(text) {
			found = true
		}
	}
	if !found {
		t.Fatal("errorTexts does not reach a wrapped cause's message")
	}
	if !strings.Contains(fmt.Sprintf("%#v", errors.New(appSecret)), appSecret) {
		t.Fatal("the #v rendering of an error does not show its text, so checking it is blind")
	}
}

// TestTransportErrorRedactsItsMessage hands the client a Doer that fails
// the way net/http does, with a *url.Error quoting the whole signed URL.
// The *pusher.TransportError's own renderings drop the query, and so does
// its cause, which errors.Unwrap reaches: the client cuts the URL of a
// *url.Error it is handed, keeping the error's type and cause. (Every
// adapter also strips *url.Error before wrapping; TestFaults checks the
// whole chain for each of them.)
func TestTransportErrorRedactsItsMessage(t *testing.T) {
	var signed string
	leaky := transport.DoerFunc(func(_ context.Context, req *transport.Request) (*transport.Response, error) {
		signed = req.URL
		return nil, &url.Error{Op: "Post", URL: req.URL, Err: io.ErrUnexpectedEOF}
	})
	c := newClient(t, "127.0.0.1:1", leaky, nil)
	_, err := c.Trigger(context.Background(), "a", "e", "d")
	var te *pusher.TransportError
	if !errors.As(err, &te) || !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("error %v (%T), want a *pusher.TransportError wrapping io.ErrUnexpectedEOF", err, err)
	}
	_, query, _ := strings.Cut(signed, "?")
	for _, text := range []string{err.Error(), fmt.Sprintf("%v", err), fmt.Sprintf("%+v", err), fmt.Sprintf("%s", err)} {
		if strings.Contains(text, query) || hexSignature.MatchString(text) {
			t.Errorf("TransportError renders the signed query: %s", text)
		}
	}
	for cause := errors.Unwrap(err); cause != nil; cause = errors.Unwrap(cause) {
		if strings.Contains(cause.Error(), query) || hexSignature.MatchString(cause.Error()) {
			t.Errorf("the cause %T renders the signed query: %v", cause, cause)
		}
	}
	var ue *url.Error
	if !errors.As(err, &ue) {
		t.Errorf("the *url.Error is gone from the chain of %v", err)
	}
}
