package signing_test

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha256"
	"testing"

	"github.com/go-pusher/channels/signing"
)

func benchParams() []signing.Param {
	return []signing.Param{
		{"info", "user_count,subscription_count"},
		{"filter_by_prefix", "presence-"},
		{"a", "1"}, {"b", "2"}, {"c", "3"}, {"d", "4"}, {"e", "5"}, {"f", "6"},
	}
}

func TestAppendQuery_ZeroAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not meaningful under -race (sync.Pool drops items); run without -race")
	}
	s := signing.NewSigner(docKey, docSecret)
	params := benchParams()
	body := []byte(docBody)
	dst := make([]byte, 0, 1024)
	allocs := testing.AllocsPerRun(200, func() {
		dst = s.AppendQuery(dst[:0], "POST", "/apps/3/events", params, body, docTime)
	})
	if allocs != 0 {
		t.Fatalf("AppendQuery allocated %.1f times per call, want 0", allocs)
	}
}

func BenchmarkAppendQuery(b *testing.B) {
	s := signing.NewSigner(docKey, docSecret)
	params := benchParams()[:2]
	body := []byte(docBody)
	dst := make([]byte, 0, 1024)
	b.ReportAllocs()
	for b.Loop() {
		dst = s.AppendQuery(dst[:0], "POST", "/apps/3/events", params, body, docTime)
	}
}

func BenchmarkAppendQuery8Params(b *testing.B) {
	s := signing.NewSigner(docKey, docSecret)
	params := benchParams()
	body := []byte(docBody)
	dst := make([]byte, 0, 1024)
	b.ReportAllocs()
	for b.Loop() {
		dst = s.AppendQuery(dst[:0], "POST", "/apps/3/events", params, body, docTime)
	}
}

func BenchmarkAppendQueryParallel(b *testing.B) {
	s := signing.NewSigner(docKey, docSecret)
	params := benchParams()[:2]
	body := []byte(docBody)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		dst := make([]byte, 0, 1024)
		for pb.Next() {
			dst = s.AppendQuery(dst[:0], "POST", "/apps/3/events", params, body, docTime)
		}
	})
}

func BenchmarkChannelAuth(b *testing.B) {
	s := signing.NewSigner(docKey, docSecret)
	b.ReportAllocs()
	for b.Loop() {
		_ = s.ChannelAuth(docSocket, "private-foobar")
	}
}

func BenchmarkVerifyWebhook(b *testing.B) {
	s := signing.NewSigner(docKey, docSecret)
	body := []byte(`{"time_ms":1327078148132,"events":[{"name":"channel_occupied","channel":"test_channel"}]}`)
	sig := s.WebhookSignature(body)
	b.ReportAllocs()
	for b.Loop() {
		if !s.VerifyWebhook(body, sig) {
			b.Fatal("verify failed")
		}
	}
}

// BenchmarkHashFloor measures only the hashing AppendQuery cannot avoid for
// the same request (MD5 of the body, HMAC-SHA256 of the string to sign), so
// AppendQuery's own overhead is the difference.
func BenchmarkHashFloor(b *testing.B) {
	body := []byte(docBody)
	s := signing.NewSigner(docKey, docSecret)
	toSign := []byte(s.StringToSign("POST", "/apps/3/events", []signing.Param{
		{"info", "user_count,subscription_count"}, {"filter_by_prefix", "presence-"},
		{"auth_key", docKey}, {"auth_timestamp", "1353088179"}, {"auth_version", "1.0"},
		{"body_md5", "ec365a775a4cd0599faeb73354201b6f"},
	}))
	h := hmac.New(sha256.New, []byte(docSecret))
	out := make([]byte, 0, 32)
	b.ReportAllocs()
	for b.Loop() {
		_ = md5.Sum(body)
		h.Reset()
		h.Write(toSign)
		out = h.Sum(out[:0])
	}
}

func BenchmarkAppendQueryNoBody(b *testing.B) {
	s := signing.NewSigner(docKey, docSecret)
	params := benchParams()[:2]
	dst := make([]byte, 0, 1024)
	b.ReportAllocs()
	for b.Loop() {
		dst = s.AppendQuery(dst[:0], "GET", "/apps/3/channels", params, nil, docTime)
	}
}
