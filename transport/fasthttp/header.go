package fasthttp

import (
	"bytes"
	"net/http"
	"strings"

	"github.com/valyala/fasthttp"
)

// reuseHeader returns h's fields as an http.Header, reusing dst where it
// can: dst itself, untouched, when it already holds exactly those fields (a
// pooled Response meets the same answer over and over), else dst's map
// cleared and refilled, else (dst nil) a new map.
func reuseHeader(dst http.Header, h *fasthttp.ResponseHeader) http.Header {
	if dst == nil {
		return copyHeader(nil, h)
	}
	if sameHeader(dst, h) {
		return dst
	}
	clear(dst)
	return copyHeader(dst, h)
}

// maxComparedFields bounds the answers sameHeader compares field by field;
// a larger one is simply copied again.
const maxComparedFields = 16

// sameHeader reports whether dst holds exactly h's fields: each name once,
// with one value equal to h's. It allocates nothing.
func sameHeader(dst http.Header, h *fasthttp.ResponseHeader) bool {
	var names [maxComparedFields][]byte
	n := 0
	for k, v := range h.All() {
		if n == len(names) {
			return false
		}
		values, ok := dst[string(k)]
		if !ok || len(values) != 1 || values[0] != string(v) {
			return false
		}
		names[n] = k
		n++
	}
	if n != len(dst) {
		return false
	}
	// Every field matched and there are as many as dst has names, so dst
	// is covered unless a name repeats in h.
	for i := 1; i < n; i++ {
		for j := range i {
			if bytes.Equal(names[i], names[j]) {
				return false
			}
		}
	}
	return true
}

// copyHeader copies h into header, which must be empty or nil for a new
// map, in two allocations whatever the number of fields (plus the map's):
// one string holding every name and value, and one slice of all the
// values. A name that repeats costs one more.
func copyHeader(header http.Header, h *fasthttp.ResponseHeader) http.Header {
	n, size := 0, 0
	for k, v := range h.All() {
		n++
		size += len(k) + len(v)
	}
	if header == nil {
		header = make(http.Header, n)
	}
	if n == 0 {
		return header
	}
	var sb strings.Builder
	sb.Grow(size)
	for k, v := range h.All() {
		sb.Write(k)
		sb.Write(v)
	}
	all := sb.String()
	values := make([]string, n)
	i, off := 0, 0
	for k, v := range h.All() {
		key := http.CanonicalHeaderKey(all[off : off+len(k)])
		off += len(k)
		values[i] = all[off : off+len(v)]
		off += len(v)
		if prev, ok := header[key]; ok {
			header[key] = append(prev, values[i])
		} else {
			header[key] = values[i : i+1 : i+1]
		}
		i++
	}
	return header
}
