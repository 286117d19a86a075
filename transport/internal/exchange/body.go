package exchange

import (
	"bytes"
	"io"
	"net/http"

	"github.com/go-pusher/channels/transport"
)

// ReadBody reads a net/http response's whole body, failing with
// transport.ErrBodyTooLarge as soon as it is known to exceed limit. A body
// of known length is read into one buffer of exactly that length. The
// caller closes the body.
func ReadBody(resp *http.Response, limit int) ([]byte, error) {
	switch n := resp.ContentLength; {
	case resp.Body == http.NoBody:
		return nil, nil // HEAD, 204, 304: whatever Content-Length says
	case n > int64(limit):
		return nil, transport.ErrBodyTooLarge
	case n == 0:
		return nil, nil
	case n > 0:
		// net/http's body reader stops at ContentLength and fails on a
		// connection that ends before it.
		body := make([]byte, n)
		if _, err := io.ReadFull(resp.Body, body); err != nil {
			return nil, err
		}
		return body, nil
	}
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(io.LimitReader(resp.Body, int64(limit)+1)); err != nil {
		return nil, err
	}
	if buf.Len() > limit {
		return nil, transport.ErrBodyTooLarge
	}
	return buf.Bytes(), nil
}
