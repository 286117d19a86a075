package endpoint

import (
	"context"
	"net/http"
	"strconv"
)

// Reply is what an endpoint answers. Error bodies are one short line of
// plain text that never quotes the request's values or any secret.
type Reply struct {
	Status int
	// JSON says the body is application/json; otherwise it is text/plain.
	JSON bool
	Body []byte
}

// Content types of replies.
const (
	ContentTypeJSON = "application/json"
	ContentTypeText = "text/plain; charset=utf-8"
)

// ContentType is the reply's Content-Type header.
func (r Reply) ContentType() string {
	if r.JSON {
		return ContentTypeJSON
	}
	return ContentTypeText
}

// AllowedMethod is the only method the endpoints serve, for the Allow header
// of a 405.
const AllowedMethod = http.MethodPost

// text builds a plain-text reply of one line.
func text(status int, msg string) Reply {
	return Reply{Status: status, Body: []byte(msg + "\n")}
}

// MethodNotAllowed answers a request that is not a POST.
func MethodNotAllowed() Reply {
	return text(http.StatusMethodNotAllowed, "method not allowed: use POST")
}

// TooLarge answers a body over the cap.
func (e *Endpoint) TooLarge(ctx context.Context) Reply {
	e.debug(ctx, http.StatusRequestEntityTooLarge, "body too large")
	return text(http.StatusRequestEntityTooLarge, "body larger than "+strconv.FormatInt(e.maxBody, 10)+" bytes")
}

// Unreadable answers a body that could not be read.
func (e *Endpoint) Unreadable(ctx context.Context, err error) Reply {
	e.debug(ctx, http.StatusBadRequest, "cannot read body", errAttr(err))
	return text(http.StatusBadRequest, "cannot read body")
}

// internalError is the reply to every failure on the server's side; the
// cause goes to the log only.
func internalError() Reply {
	return text(http.StatusInternalServerError, "internal error")
}
