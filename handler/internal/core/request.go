package core

import (
	"context"
	"errors"
	"mime"
	"net/http"
)

// Request is what the core needs of an adapter's HTTP request.
type Request interface {
	Method() string
	Header(name string) string
	// ContentLength is the declared body length, -1 when unknown.
	ContentLength() int64
	// ReadBody reads the whole body, or fails with ErrBodyTooLarge once it
	// is past limit bytes (reading no further).
	ReadBody(limit int64) ([]byte, error)
}

// ErrBodyTooLarge is ReadBody's error for a body over the cap.
var ErrBodyTooLarge = errors.New("body too large")

// bodyFormat is how an auth request's body is encoded.
type bodyFormat int

// The body formats an auth request may use.
const (
	formBody bodyFormat = iota + 1 // what pusher-js sends
	jsonBody                       // what hand-written clients often send
)

// Media types of the accepted body formats.
const (
	mediaForm = "application/x-www-form-urlencoded"
	mediaJSON = "application/json"
)

// read checks r's method (and, for an auth request, its content type) and
// declared length, then reads its body. A non-nil Reply ends the request.
func (e *Endpoint) read(ctx context.Context, r Request, auth bool) (bodyFormat, []byte, *Reply) {
	if r.Method() != http.MethodPost {
		return 0, nil, e.refuse(ctx, http.StatusMethodNotAllowed, "method not allowed: use POST")
	}
	var f bodyFormat
	if auth {
		var ok bool
		if f, ok = bodyFormatOf(r.Header("Content-Type")); !ok {
			return 0, nil, e.refuse(ctx, http.StatusUnsupportedMediaType, "unsupported content type: use "+mediaForm+" or "+mediaJSON)
		}
	}
	if r.ContentLength() > e.maxBody {
		return 0, nil, e.tooLarge(ctx)
	}
	body, err := r.ReadBody(e.maxBody)
	switch {
	case errors.Is(err, ErrBodyTooLarge):
		return 0, nil, e.tooLarge(ctx)
	case err != nil:
		return 0, nil, e.refuse(ctx, http.StatusBadRequest, "cannot read body", errAttr(err))
	}
	return f, body, nil
}

// bodyFormatOf maps a Content-Type header to a body format, ignoring
// parameters such as charset.
func bodyFormatOf(contentType string) (bodyFormat, bool) {
	media, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return 0, false
	}
	switch media {
	case mediaForm:
		return formBody, true
	case mediaJSON:
		return jsonBody, true
	}
	return 0, false
}
