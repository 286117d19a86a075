package pushertest

import (
	"encoding/json"
	"net/http"
)

// reply is one answer of the fake, built before anything is written.
type reply struct {
	status      int
	contentType string
	body        []byte
	allow       string // Allow header for 405
}

func jsonReply(v any) reply {
	b, err := json.Marshal(v)
	if err != nil {
		return textReply(http.StatusInternalServerError, "fake: cannot encode response: "+err.Error())
	}
	return reply{status: http.StatusOK, contentType: "application/json", body: b}
}

func textReply(status int, msg string) reply {
	return reply{status: status, contentType: "text/plain; charset=utf-8", body: []byte(msg + "\n")}
}

func badRequest(msg string) reply { return textReply(http.StatusBadRequest, msg) }

func (r reply) write(w http.ResponseWriter) {
	if r.contentType != "" {
		w.Header().Set("Content-Type", r.contentType)
	}
	if r.allow != "" {
		w.Header().Set("Allow", r.allow)
	}
	w.WriteHeader(r.status)
	_, _ = w.Write(r.body)
}
