package fasthttp

import (
	"net/http"

	"github.com/valyala/fasthttp"

	"github.com/go-pusher/channels/internal/fastpath"
)

// presetHeader is a fastpath.Header's fields set once on a fasthttp
// request header that never goes out itself: a call copies it onto its
// request in one go instead of setting every field again, which costs
// more than the rest of the adapter (fasthttp checks, normalises and
// special-cases each field it is given). Calls only read it, so it is
// safe for concurrent use.
type presetHeader struct {
	h fasthttp.RequestHeader
}

// presetOf returns the presetHeader the adapter keeps with header, or nil
// for none (no header, or one another kind of adapter prepared first).
func presetOf(header *fastpath.Header) *presetHeader {
	p, _ := header.Prepared(newPreset).(*presetHeader)
	return p
}

// newPreset makes the presetHeader of fields; it is what the adapter keeps
// with a fastpath.Header.
func newPreset(fields http.Header) any {
	p := new(presetHeader)
	setHeader(&p.h, fields, true)
	return p
}

// copyTo replaces everything dst holds with the fields.
func (p *presetHeader) copyTo(dst *fasthttp.RequestHeader) {
	p.h.CopyTo(dst)
}
