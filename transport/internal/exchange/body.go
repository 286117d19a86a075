package exchange

import (
	"io"
	"net/http"

	"github.com/go-pusher/channels/transport"
)

// ReadBody reads a net/http response's whole body, failing with
// transport.ErrBodyTooLarge as soon as the body is known to exceed limit;
// a body of known length is read into a buffer of exactly that length.
// The caller closes the body.
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
	return readUnknownLength(resp.Body, limit)
}

// readUnknownLength reads body, whose length nobody announced, until EOF,
// failing with transport.ErrBodyTooLarge once it has read more than limit
// bytes of it.
func readUnknownLength(body io.Reader, limit int) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(body, int64(limit)+1))
	if err != nil {
		return nil, err
	}
	if len(b) > limit {
		return nil, transport.ErrBodyTooLarge
	}
	return b, nil
}
