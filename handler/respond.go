package handler

import (
	"errors"
	"io"
	"net/http"

	"github.com/go-pusher/channels/handler/internal/core"
)

// httpRequest is a net/http request as the core reads it.
type httpRequest struct {
	w http.ResponseWriter
	r *http.Request
}

func (h httpRequest) Method() string            { return h.r.Method }
func (h httpRequest) Header(name string) string { return h.r.Header.Get(name) }
func (h httpRequest) ContentLength() int64      { return h.r.ContentLength }

// ReadBody reads the body through http.MaxBytesReader, which also tells the
// server not to reuse a connection whose body was left unread.
func (h httpRequest) ReadBody(limit int64) ([]byte, error) {
	body, err := io.ReadAll(http.MaxBytesReader(h.w, h.r.Body, limit))
	if _, tooLarge := errors.AsType[*http.MaxBytesError](err); tooLarge {
		return nil, core.ErrBodyTooLarge
	}
	return body, err
}

// writeReply writes rep.
func writeReply(w http.ResponseWriter, rep core.Reply) {
	rep.SetHeaders(w.Header().Set)
	w.WriteHeader(rep.Status)
	_, _ = w.Write(rep.Body)
}
