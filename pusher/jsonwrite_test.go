package pusher

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
)

// jsonStringSamples exercise every escaping rule of appendJSONString.
var jsonStringSamples = []string{
	"", "plain", `quote " and backslash \`, "<script>&amp;</script>", "\n\r\t\b\f\x00\x1f\x7f",
	"ünïcödé 日本語 🎉", "line\u2028sep\u2029para", "bad utf-8: \xff\xfe", "truncated: \xe6\x97",
	`{"some":"data"}`, strings.Repeat("x", 300),
}

func TestAppendJSONStringMatchesEncodingJSON(t *testing.T) {
	for _, s := range jsonStringSamples {
		checkJSONString(t, s)
	}
}

func FuzzAppendJSONString(f *testing.F) {
	for _, s := range jsonStringSamples {
		f.Add(s)
	}
	f.Fuzz(checkJSONString)
}

// checkJSONString compares both instantiations with encoding/json.
func checkJSONString(t *testing.T, s string) {
	want, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if got := appendJSONString([]byte("x"), s); string(got) != "x"+string(want) {
		t.Errorf("string %q:\n got %s\nwant %s", s, got[1:], want)
	}
	if got := appendJSONString(nil, []byte(s)); string(got) != string(want) {
		t.Errorf("bytes %q:\n got %s\nwant %s", s, got, want)
	}
}

func TestAppendEscapedPathDecodesToTheSamePath(t *testing.T) {
	for _, p := range []string{
		"/apps/1/channels/a=b@c,d.e;f",
		"/apps/1/channels/#server-to-user-1",
		"/apps/1/x y/%41/?/é",
	} {
		escaped := string(appendEscapedPath(nil, p))
		if strings.ContainsAny(escaped, "# ?") {
			t.Errorf("%q escaped to %q, still holding a reserved byte", p, escaped)
		}
		if got, err := url.PathUnescape(escaped); err != nil || got != p {
			t.Errorf("%q escaped to %q, which decodes to %q (%v)", p, escaped, got, err)
		}
	}
	if got := string(appendEscapedPath(nil, "/apps/1/channels/a=b@c,d.e;f")); got != "/apps/1/channels/a=b@c,d.e;f" {
		t.Errorf("a path of channel name characters was rewritten: %q", got)
	}
}

func TestRedactors(t *testing.T) {
	sig := strings.Repeat("ab12", 16)
	if got := redactSignatures("sig=" + sig + ", short=" + sig[:63]); got != "sig=[redacted], short="+sig[:63] {
		t.Errorf("redactSignatures: %q", got)
	}
}

// TestJSONSafeMatchesRule checks the table byte by byte against the rule
// it encodes.
func TestJSONSafeMatchesRule(t *testing.T) {
	for c := range 256 {
		b := byte(c)
		want := b >= 0x20 && b < 0x80 && !strings.ContainsRune(`"\<>&`, rune(b))
		if got := jsonSafe[b]; got != want {
			t.Errorf("jsonSafe[%#x] = %v, want %v", b, got, want)
		}
	}
}
