package endpoint

import (
	"context"
	"mime"
	"net/http"
)

// BodyFormat is how an auth request's body is encoded.
type BodyFormat int

// The body formats an auth request may use.
const (
	// FormBody is application/x-www-form-urlencoded, what pusher-js sends.
	FormBody BodyFormat = iota + 1
	// JSONBody is application/json, what hand-written clients often send.
	JSONBody
)

// Media types of the accepted body formats.
const (
	mediaForm = "application/x-www-form-urlencoded"
	mediaJSON = "application/json"
)

// AuthHead checks what can be checked of an auth request before its body is
// read: the method, the content type and a declared length (-1 when
// unknown). A non-nil Reply ends the request.
func (e *Endpoint) AuthHead(ctx context.Context, method, contentType string, contentLength int64) (BodyFormat, *Reply) {
	if method != http.MethodPost {
		r := MethodNotAllowed()
		e.debug(ctx, r.Status, "method not allowed")
		return 0, &r
	}
	f, ok := bodyFormatOf(contentType)
	if !ok {
		r := text(http.StatusUnsupportedMediaType, "unsupported content type: use "+mediaForm+" or "+mediaJSON)
		e.debug(ctx, r.Status, "unsupported content type")
		return 0, &r
	}
	if contentLength > e.maxBody {
		r := e.TooLarge(ctx)
		return 0, &r
	}
	return f, nil
}

// WebhookHead checks a webhook delivery's method and declared length (-1
// when unknown). The content type is not checked: the signature proves the
// body's origin and the JSON decoder its shape.
func (e *Endpoint) WebhookHead(ctx context.Context, method string, contentLength int64) *Reply {
	if method != http.MethodPost {
		r := MethodNotAllowed()
		e.debug(ctx, r.Status, "method not allowed")
		return &r
	}
	if contentLength > e.maxBody {
		r := e.TooLarge(ctx)
		return &r
	}
	return nil
}

// bodyFormatOf maps a Content-Type header to a body format, ignoring
// parameters such as charset.
func bodyFormatOf(contentType string) (BodyFormat, bool) {
	if contentType == "" {
		return 0, false
	}
	media, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return 0, false
	}
	switch media {
	case mediaForm:
		return FormBody, true
	case mediaJSON:
		return JSONBody, true
	}
	return 0, false
}
