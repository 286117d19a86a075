package exchange

import (
	"bytes"
	"io"
	"net/http"

	"github.com/go-pusher/channels/transport"
)

// ReadBody reads a net/http response's whole body, failing with
// transport.ErrBodyTooLarge as soon as it is known to exceed limit. The
// caller closes the body.
func ReadBody(resp *http.Response, limit int) ([]byte, error) {
	if resp.ContentLength > int64(limit) {
		return nil, transport.ErrBodyTooLarge
	}
	var buf bytes.Buffer
	if resp.ContentLength > 0 {
		buf.Grow(int(resp.ContentLength) + bytes.MinRead)
	}
	if _, err := buf.ReadFrom(io.LimitReader(resp.Body, int64(limit)+1)); err != nil {
		return nil, err
	}
	if buf.Len() > limit {
		return nil, transport.ErrBodyTooLarge
	}
	return buf.Bytes(), nil
}
