package core

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

// ContentType is the reply's Content-Type header.
func (r Reply) ContentType() string {
	if r.JSON {
		return "application/json"
	}
	return "text/plain; charset=utf-8"
}

// Headers are the headers every reply carries besides Content-Type: kept
// out of caches, never sniffed as another type, and Allow on a 405.
func (r Reply) Headers() [][2]string {
	h := [][2]string{{"X-Content-Type-Options", "nosniff"}, {"Cache-Control", "no-store"}}
	if r.Status == http.StatusMethodNotAllowed {
		h = append(h, [2]string{"Allow", http.MethodPost})
	}
	return h
}

// text builds a plain-text reply of one line.
func text(status int, msg string) *Reply {
	return &Reply{Status: status, Body: []byte(msg + "\n")}
}

// tooLarge answers a body over the cap.
func (e *Endpoint) tooLarge(ctx context.Context) *Reply {
	return e.refuse(ctx, http.StatusRequestEntityTooLarge, "body larger than "+strconv.FormatInt(e.maxBody, 10)+" bytes")
}

// internalError is the reply to every failure on the server's side; the
// cause goes to the log only.
func internalError() *Reply {
	return text(http.StatusInternalServerError, "internal error")
}
