package signing_test

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha256"
	"strings"
	"testing"

	"github.com/go-pusher/channels/signing"
)

// triggerBody is the body of a trigger of 100 bytes of string data, the
// load harness's workload.
var triggerBody = []byte(`{"name":"bench-event","channels":["bench-channel"],"data":"{\"message\":\"` +
	strings.Repeat("x", 86) + `\"}"}`)

// BenchmarkAppendQueryTrigger signs a trigger exactly as the client does
// for the load harness: no caller parameters, a ~150-byte body.
func BenchmarkAppendQueryTrigger(b *testing.B) {
	s := signing.NewSigner(docKey, docSecret)
	dst := make([]byte, 0, 1024)
	b.ReportAllocs()
	for b.Loop() {
		dst = s.AppendQuery(dst[:0], "POST", "/apps/3/events", nil, triggerBody, docTime)
	}
}

// BenchmarkHashFloorTrigger is the hashing BenchmarkAppendQueryTrigger
// cannot avoid (MD5 of the body, HMAC-SHA256 of its string to sign with a
// keyed hash reused): AppendQuery's own overhead is the difference.
func BenchmarkHashFloorTrigger(b *testing.B) {
	s := signing.NewSigner(docKey, docSecret)
	toSign := []byte(s.StringToSign("POST", "/apps/3/events", []signing.Param{
		{"auth_key", docKey}, {"auth_timestamp", "1353088179"}, {"auth_version", "1.0"},
		{"body_md5", "ec365a775a4cd0599faeb73354201b6f"},
	}))
	h := hmac.New(sha256.New, []byte(docSecret))
	out := make([]byte, 0, sha256.Size)
	b.ReportAllocs()
	for b.Loop() {
		_ = md5.Sum(triggerBody)
		h.Reset()
		h.Write(toSign)
		out = h.Sum(out[:0])
	}
}

// BenchmarkPresenceAuth signs a presence subscription with its channel_data.
func BenchmarkPresenceAuth(b *testing.B) {
	s := signing.NewSigner(docKey, docSecret)
	channelData := `{"user_id":"10","user_info":{"name":"Mr. Channels"}}`
	b.ReportAllocs()
	for b.Loop() {
		_ = s.PresenceAuth(docSocket, "presence-foobar", channelData)
	}
}

// BenchmarkUserAuth signs a user sign-in with its user_data.
func BenchmarkUserAuth(b *testing.B) {
	s := signing.NewSigner(docKey, docSecret)
	userData := `{"id":"10","user_info":{"name":"Mr. Channels"},"watchlist":["1","2"]}`
	b.ReportAllocs()
	for b.Loop() {
		_ = s.UserAuth(docSocket, userData)
	}
}

// BenchmarkWebhookSignature computes the X-Pusher-Signature of a webhook.
func BenchmarkWebhookSignature(b *testing.B) {
	s := signing.NewSigner(docKey, docSecret)
	body := []byte(`{"time_ms":1327078148132,"events":[{"name":"channel_occupied","channel":"test_channel"}]}`)
	b.ReportAllocs()
	for b.Loop() {
		_ = s.WebhookSignature(body)
	}
}
