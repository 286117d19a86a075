package exchange

import (
	"io"
	"net/http"

	"github.com/go-pusher/channels/transport"
)

// ReadBody reads a net/http response's whole body into a new buffer, as
// AppendBody does; a body of known length gets a buffer of exactly that
// length. The caller closes the body.
func ReadBody(resp *http.Response, limit int) ([]byte, error) {
	return AppendBody(nil, resp, limit)
}

// AppendBody appends a net/http response's whole body to dst and returns
// the extended slice, failing with transport.ErrBodyTooLarge as soon as
// the body is known to exceed limit. A body of known length that does not
// fit dst's spare capacity grows it by exactly that length; an adapter
// filling a lent Response passes its Body[:0], so a warm buffer is reused.
// The caller closes the body.
func AppendBody(dst []byte, resp *http.Response, limit int) ([]byte, error) {
	switch n := resp.ContentLength; {
	case resp.Body == http.NoBody:
		return dst, nil // HEAD, 204, 304: whatever Content-Length says
	case n > int64(limit):
		return dst, transport.ErrBodyTooLarge
	case n == 0:
		return dst, nil
	case n > 0:
		// net/http's body reader stops at ContentLength and fails on a
		// connection that ends before it.
		start := len(dst)
		dst = growExactly(dst, int(n))
		if _, err := io.ReadFull(resp.Body, dst[start:]); err != nil {
			return dst[:start], err
		}
		return dst, nil
	}
	return appendUnknownLength(dst, resp.Body, limit)
}

// growExactly returns dst extended by n bytes, reallocated to exactly its
// new length when its capacity does not have room.
func growExactly(dst []byte, n int) []byte {
	if cap(dst)-len(dst) >= n {
		return dst[:len(dst)+n]
	}
	grown := make([]byte, len(dst)+n)
	copy(grown, dst)
	return grown
}

// appendUnknownLength appends body, whose length nobody announced, to dst
// until EOF, failing with transport.ErrBodyTooLarge once it has read more
// than limit bytes of it.
func appendUnknownLength(dst []byte, body io.Reader, limit int) ([]byte, error) {
	start := len(dst)
	for {
		if len(dst) == cap(dst) {
			dst = append(dst, 0)[:len(dst)]
		}
		room := dst[len(dst):cap(dst)]
		if over := start + limit + 1 - len(dst); len(room) > over {
			room = room[:over] // one byte past the cap tells it was exceeded
		}
		n, err := body.Read(room)
		dst = dst[:len(dst)+n]
		if len(dst)-start > limit {
			return dst[:start], transport.ErrBodyTooLarge
		}
		if err == io.EOF {
			return dst, nil
		}
		if err != nil {
			return dst[:start], err
		}
	}
}
