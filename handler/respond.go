package handler

import (
	"errors"
	"io"
	"net/http"

	"github.com/go-pusher/channels/handler/internal/endpoint"
)

// writeReply writes rep with headers that keep it out of caches and from
// being sniffed as another type.
func writeReply(w http.ResponseWriter, rep endpoint.Reply) {
	h := w.Header()
	h.Set("Content-Type", rep.ContentType())
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	if rep.Status == http.StatusMethodNotAllowed {
		h.Set("Allow", endpoint.AllowedMethod)
	}
	w.WriteHeader(rep.Status)
	_, _ = w.Write(rep.Body)
}

// readBody reads r's body up to e's cap. A non-nil Reply (413 or 400) ends
// the request.
func readBody(w http.ResponseWriter, r *http.Request, e *endpoint.Endpoint) ([]byte, *endpoint.Reply) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, e.MaxBodyBytes()))
	if err == nil {
		return body, nil
	}
	var tooLarge *http.MaxBytesError
	var rep endpoint.Reply
	if errors.As(err, &tooLarge) {
		rep = e.TooLarge(r.Context())
	} else {
		rep = e.Unreadable(r.Context(), err)
	}
	return nil, &rep
}
