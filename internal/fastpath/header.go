package fastpath

import (
	"net/http"
	"sync/atomic"
)

// Header is a set of request header fields a client sends unchanged on
// many requests, with room for what an adapter makes of them once (the
// fasthttp adapter: the fields in fasthttp's own form, ready to copy), so
// that a call does not convert every field again. It is safe for
// concurrent use.
type Header struct {
	fields   http.Header
	prepared atomic.Pointer[prepared]
}

// prepared boxes an adapter's value, so that it can be swapped atomically.
type prepared struct{ v any }

// NewHeader returns fields as a Header. fields, with canonical names and
// valid values, must not change afterwards.
func NewHeader(fields http.Header) *Header {
	return &Header{fields: fields}
}

// Fields returns the fields h was made of; they must not be modified.
// It returns nil for a nil h.
func (h *Header) Fields() http.Header {
	if h == nil {
		return nil
	}
	return h.fields
}

// Prepared returns what prepare made of h's fields, calling it on first
// use. Two first uses at once may both call prepare; one result is kept
// and returned to both. It returns nil for a nil h.
func (h *Header) Prepared(prepare func(http.Header) any) any {
	if h == nil {
		return nil
	}
	if p := h.prepared.Load(); p != nil {
		return p.v
	}
	p := &prepared{v: prepare(h.fields)}
	if h.prepared.CompareAndSwap(nil, p) {
		return p.v
	}
	return h.prepared.Load().v
}
