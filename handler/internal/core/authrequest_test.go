package core

import (
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/go-pusher/channels/domain"
)

func TestParseAuthRequestKeepsOtherFields(t *testing.T) {
	req, err := parseAuthRequest(formBody, []byte("a=1&socket_id=1.2&a=2&channel_name=presence-x&b="), true)
	if err != nil {
		t.Fatal(err)
	}
	want := url.Values{"a": {"1", "2"}, "b": {""}}
	if req.SocketID != "1.2" || req.Channel != "presence-x" || req.Params.Encode() != want.Encode() {
		t.Errorf("got %+v", req)
	}
}

func TestParseAuthRequestMessagesNameTheField(t *testing.T) {
	cases := map[string]string{
		"channel_name=private-a": "missing socket_id",
		"socket_id=1.2":          "missing channel_name",
		"socket_id=1.2&socket_id=1.2&channel_name=private-a": "socket_id given more than once",
		"socket_id=12&channel_name=private-a":                `invalid socket_id: malformed (want digits "." digits)`,
		"socket_id=1.2&channel_name=":                        "invalid channel_name: empty",
		"socket_id=1.2&channel_name=a%21":                    "invalid channel_name: contains a character that is not allowed (allowed: a-z A-Z 0-9 - _ = @ , . ;)",
		"socket_id=1.2&channel_name=public":                  "invalid channel_name: only private-, presence- and private-encrypted- channels are authorized",
		"socket_id=%":                                        "malformed form body",
	}
	jsonCases := map[string]string{
		`{"socket_id":"1.2","socket_id":"1.3","channel_name":"private-a"}`:          "socket_id given more than once",
		`{"socket_id":"1.2","channel_name":"private-a","channel_name":"private-a"}`: "channel_name given more than once",
		`{"socket_id":"1.2","channel_name":"private-a"} {}`:                         "malformed JSON body: want an object",
		`{"socket_id":"1.2","channel_name":"private-a"`:                             "malformed JSON body: want an object",
		`{"socket_id":1.2,"channel_name":"private-a"}`:                              "socket_id must be a JSON string",
	}
	for body, want := range jsonCases {
		_, err := parseAuthRequest(jsonBody, []byte(body), true)
		if err == nil || err.Error() != want {
			t.Errorf("%s: got %v, want %q", body, err, want)
		}
	}
	req, err := parseAuthRequest(jsonBody, []byte(`{"socket_id":"1.2","channel_name":"private-a","a":"1","a":2}`), true)
	if err != nil || req.Params.Encode() != "a=1&a=2" {
		t.Errorf("repeated param: got %+v, %v; want a=1&a=2 as a form gives", req, err)
	}
	for body, want := range cases {
		_, err := parseAuthRequest(formBody, []byte(body), true)
		if err == nil || err.Error() != want {
			t.Errorf("%q: got %v, want %q", body, err, want)
		}
	}
}

// FuzzParseAuthRequest checks that any body either parses into a valid
// request or fails with a short one-line message, and never panics.
func FuzzParseAuthRequest(f *testing.F) {
	f.Add(true, "socket_id=1.2&channel_name=private-a&x=y")
	f.Add(true, "socket_id=1.2&channel_name=presence-%C3%A9")
	f.Add(false, "socket_id=1.2&socket_id=1.3")
	f.Add(true, `{"socket_id":"1.2","channel_name":"private-encrypted-a","k":{"n":[1]}}`)
	f.Add(false, `{"socket_id":"1.2"}`)
	f.Add(true, "%zz=1&;")
	f.Fuzz(func(t *testing.T, withChannel bool, body string) {
		for _, format := range []bodyFormat{formBody, jsonBody} {
			req, err := parseAuthRequest(format, []byte(body), withChannel)
			if err != nil {
				msg := err.Error()
				if len(msg) > 160 || strings.ContainsAny(msg, "\r\n") || !utf8.ValidString(msg) {
					t.Fatalf("message %q", msg)
				}
				continue
			}
			if domain.ValidateSocketID(req.SocketID) != nil {
				t.Fatalf("accepted socket_id %q", req.SocketID)
			}
			if req.Params == nil || req.Params.Has("socket_id") {
				t.Fatalf("params %v", req.Params)
			}
			if withChannel {
				if domain.ValidateChannelName(req.Channel) != nil || !domain.KindOf(req.Channel).NeedsAuthorization() {
					t.Fatalf("accepted channel %q", req.Channel)
				}
				if req.Params.Has("channel_name") {
					t.Fatalf("params %v", req.Params)
				}
			} else if req.Channel != "" {
				t.Fatalf("channel %q without withChannel", req.Channel)
			}
		}
	})
}
