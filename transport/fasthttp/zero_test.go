package fasthttp_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/go-pusher/channels/transport"
	fasthttpdoer "github.com/go-pusher/channels/transport/fasthttp"
)

// TestZeroDoerErrors: a Doer not built by New answers with an error, not a
// panic.
func TestZeroDoerErrors(t *testing.T) {
	req := &transport.Request{Method: http.MethodGet, URL: "http://127.0.0.1:1/apps/1/channels"}
	var zero fasthttpdoer.Doer
	if _, err := zero.Do(context.Background(), req); err == nil {
		t.Error("zero Doer: no error")
	}
	zero.CloseIdleConnections()
	var none *fasthttpdoer.Doer
	if _, err := none.Do(context.Background(), req); err == nil {
		t.Error("nil *Doer: no error")
	}
	none.CloseIdleConnections()
}
