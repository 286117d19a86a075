package signcheck_test

import (
	"testing"
	"time"

	"github.com/go-pusher/channels/internal/testsupport/signcheck"
	"github.com/go-pusher/channels/signing"
)

// BenchmarkVerify checks a signed trigger as a server does (the
// load harness's server runs this for every request).
func BenchmarkVerify(b *testing.B) {
	s := signing.NewSigner(fuzzKey, fuzzSecret)
	const ts = int64(1_700_000_000)
	body := []byte(`{"name":"my-event","channel":"my-channel","data":"{\"message\":\"hello world\"}"}`)
	query := string(s.AppendQuery(nil, "POST", "/apps/3/events", nil, body, ts))
	v := signcheck.Verifier{Secret: func(key string) (string, bool) { return fuzzSecret, key == fuzzKey }, Now: func() time.Time { return time.Unix(ts, 0) }, MaxSkew: time.Minute}
	b.ReportAllocs()
	for b.Loop() {
		if err := v.Verify("POST", "/apps/3/events", query, body); err != nil {
			b.Fatal(err)
		}
	}
}
