package pushertest

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/go-pusher/channels/crypto"
	"github.com/go-pusher/channels/internal/testsupport/signcheck"
)

// handler is the fake's http.Handler.
type handler struct {
	cfg       config
	st        *state
	masterKey *crypto.MasterKey // nil without WithEncryptionMasterKeyBase64
	closing   <-chan struct{}
	keys      *idempotencyKeys // nil unless WithIdempotencyKeys
	// verify checks signatures and timestamps; signed checks signatures only.
	verify, signed signcheck.Verifier
}

func newHandler(cfg config, st *state, key *crypto.MasterKey, closing <-chan struct{}) *handler {
	h := &handler{cfg: cfg, st: st, masterKey: key, closing: closing, keys: newIdempotencyKeys(cfg.idemTTL)}
	h.verify = signcheck.Verifier{Secret: h.secretFor, Now: cfg.now, MaxSkew: cfg.maxSkew}
	h.signed = signcheck.Verifier{Secret: h.secretFor}
	return h
}

// route is one endpoint matched from a path.
type route struct {
	method string
	serve  func(h *handler, req *apiRequest) reply
	// keyed says the endpoint honours idempotency keys (the triggers).
	keyed bool
}

// apiRequest is a request that passed routing and authentication.
type apiRequest struct {
	query url.Values
	body  []byte
	// name is the decoded channel name or user id from the path, if any.
	name string
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	path := wirePath(r)
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.bodyCap()))
	var rep reply
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			rep = textReply(http.StatusRequestEntityTooLarge, "Request body too large")
		} else {
			rep = badRequest("Cannot read request body")
		}
	} else {
		rep = h.answer(r, path, body)
	}
	h.st.recordRequest(Request{
		Method:   r.Method,
		Path:     path,
		RawQuery: r.URL.RawQuery,
		Header:   r.Header.Clone(),
		Body:     body,
		Verified: h.signed.Verify(r.Method, path, r.URL.RawQuery, body) == nil,
		Status:   rep.status,
		Response: rep.body,
	})
	h.wait(r)
	rep.write(w)
}

// wait holds the answer for WithLatency, until the client goes away or
// the Server closes.
func (h *handler) wait(r *http.Request) {
	if h.cfg.latency <= 0 {
		return
	}
	timer := time.NewTimer(h.cfg.latency)
	defer timer.Stop()
	select {
	case <-timer.C:
	case <-r.Context().Done():
	case <-h.closing:
	}
}

// bodyCap bounds request bodies: room for a full batch even if every data
// byte were JSON-escaped, plus slack.
func (h *handler) bodyCap() int64 {
	return 1<<20 + 7*int64(h.cfg.limits.MaxDataBytes)*int64(h.cfg.limits.MaxEventsPerBatch)
}

func (h *handler) answer(r *http.Request, path string, body []byte) reply {
	rt, name, rep, ok := h.match(path)
	if !ok {
		return rep
	}
	if r.Method != rt.method {
		return reply{status: http.StatusMethodNotAllowed, contentType: "text/plain; charset=utf-8",
			body: []byte("Method not allowed\n"), allow: rt.method}
	}
	if rep, ok := h.authenticate(r.Method, path, r.URL.RawQuery, body); !ok {
		return rep
	}
	if len(body) > 0 {
		if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
			return badRequest("Content-Type must be application/json")
		}
	}
	if queued, ok := h.st.dequeue(); ok {
		return queued
	}
	query, _ := url.ParseQuery(r.URL.RawQuery) // already parsed once by the signature check
	req := &apiRequest{query: query, body: body, name: name}
	if rt.keyed {
		return h.keys.serveOnce(r, body, h.cfg.now(), func() reply { return rt.serve(h, req) })
	}
	return rt.serve(h, req)
}

// match finds the endpoint for a wire path. It returns the decoded channel
// name or user id the path holds, or a 404 reply.
func (h *handler) match(path string) (route, string, reply, bool) {
	notFound := textReply(http.StatusNotFound, "Not found")
	segs := strings.Split(strings.TrimPrefix(path, "/"), "/")
	if len(segs) < 3 || segs[0] != "apps" {
		return route{}, "", notFound, false
	}
	if appID, err := url.PathUnescape(segs[1]); err != nil || appID != h.cfg.app.ID {
		return route{}, "", textReply(http.StatusNotFound, "Unknown app"), false
	}
	rest := segs[2:]
	var name string
	if len(rest) >= 2 {
		n, err := url.PathUnescape(rest[1])
		if err != nil {
			return route{}, "", notFound, false
		}
		name = n
	}
	switch {
	case len(rest) == 1 && rest[0] == "events":
		return route{http.MethodPost, (*handler).trigger, true}, "", reply{}, true
	case len(rest) == 1 && rest[0] == "batch_events":
		return route{http.MethodPost, (*handler).triggerBatch, true}, "", reply{}, true
	case len(rest) == 1 && rest[0] == "channels":
		return route{http.MethodGet, (*handler).listChannels, false}, "", reply{}, true
	case len(rest) == 2 && rest[0] == "channels" && name != "":
		return route{http.MethodGet, (*handler).channel, false}, name, reply{}, true
	case len(rest) == 3 && rest[0] == "channels" && rest[2] == "users" && name != "":
		return route{http.MethodGet, (*handler).users, false}, name, reply{}, true
	case len(rest) == 3 && rest[0] == "users" && rest[2] == "terminate_connections" && name != "":
		return route{http.MethodPost, (*handler).terminate, false}, name, reply{}, true
	}
	return route{}, "", notFound, false
}

// authenticate verifies the signature over the path as sent.
func (h *handler) authenticate(method, path, rawQuery string, body []byte) (reply, bool) {
	err := h.verify.Verify(method, path, rawQuery, body)
	if err == nil {
		return reply{}, true
	}
	var re *signcheck.Error
	errors.As(err, &re)
	switch {
	case errors.Is(err, signcheck.ErrMalformedQuery):
		return badRequest("Invalid query: " + err.Error()), false
	case errors.Is(err, signcheck.ErrSignatureMismatch):
		return textReply(http.StatusUnauthorized, "Invalid signature: "+err.Error()+
			"; expected HMAC-SHA256 hex digest of "+quote(re.StringToSign)), false
	case errors.Is(err, signcheck.ErrUnknownKey):
		return textReply(http.StatusUnauthorized, "Unknown auth_key"), false
	case errors.Is(err, signcheck.ErrTimestampExpired):
		return textReply(http.StatusUnauthorized, "Timestamp expired: "+err.Error()), false
	default:
		return textReply(http.StatusUnauthorized, "Authentication failed: "+err.Error()), false
	}
}

func (h *handler) secretFor(key string) (string, bool) {
	if key == h.cfg.app.Key {
		return h.cfg.app.Secret, true
	}
	s, ok := h.cfg.extraKeys[key]
	return s, ok
}

// wirePath is the request path exactly as the client sent it.
func wirePath(r *http.Request) string {
	if uri := r.RequestURI; strings.HasPrefix(uri, "/") {
		if i := strings.IndexByte(uri, '?'); i >= 0 {
			return uri[:i]
		}
		return uri
	}
	return r.URL.EscapedPath()
}

func quote(s string) string { return "\"" + strings.ReplaceAll(s, "\n", `\n`) + "\"" }
