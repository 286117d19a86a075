package fasthttp_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/go-pusher/channels/transport"
	fasthttpdoer "github.com/go-pusher/channels/transport/fasthttp"
)

// BenchmarkDo measures one trigger-sized POST round trip to a local server,
// from GOMAXPROCS goroutines at once.
func BenchmarkDo(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"channels":{"my-channel":{"subscription_count":3}}}`)
	}))
	defer srv.Close()
	d := fasthttpdoer.New()
	defer d.CloseIdleConnections()
	req := &transport.Request{
		Method: http.MethodPost,
		URL:    srv.URL + "/apps/1/events?auth_key=k&auth_timestamp=1700000000&auth_version=1.0&body_md5=0123456789abcdef0123456789abcdef&auth_signature=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
		Header: http.Header{"Content-Type": {"application/json"}},
		Body:   []byte(`{"name":"my-event","channels":["my-channel"],"data":"{\"message\":\"hello world\"}","info":"subscription_count"}`),
	}
	run := func(b *testing.B, ctx context.Context) {
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				resp, err := d.Do(ctx, req)
				if err != nil {
					b.Error(err)
					return
				}
				if resp.StatusCode != http.StatusOK {
					b.Errorf("status %d", resp.StatusCode)
					return
				}
			}
		})
	}
	b.Run("background_ctx", func(b *testing.B) { run(b, context.Background()) })
	b.Run("deadline_ctx", func(b *testing.B) {
		ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
		defer cancel()
		run(b, ctx)
	})
}
