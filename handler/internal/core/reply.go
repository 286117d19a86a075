package core

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"reflect"
	"runtime/debug"
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

// SetHeaders sets the reply's headers with set: its Content-Type, and
// headers that keep it out of caches, from being sniffed as another type,
// and (on a 405) say which method to use.
func (r Reply) SetHeaders(set func(key, value string)) {
	if r.JSON {
		set("Content-Type", "application/json")
	} else {
		set("Content-Type", "text/plain; charset=utf-8")
	}
	set("X-Content-Type-Options", "nosniff")
	set("Cache-Control", "no-store")
	if r.Status == http.StatusMethodNotAllowed {
		set("Allow", http.MethodPost)
	}
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

// Records never carry a socket's auth value, a signature, a body or a
// secret: only the endpoint, the status, a fixed reason, the channel name
// and the cause's message.

// refuse answers status with msg, logged at debug level: the client's
// mistake, not the server's.
func (e *Endpoint) refuse(ctx context.Context, status int, msg string, attrs ...slog.Attr) *Reply {
	e.record(ctx, slog.LevelDebug, status, msg, attrs)
	return text(status, msg)
}

// fail answers 500 and logs reason at error level.
func (e *Endpoint) fail(ctx context.Context, reason string, attrs ...slog.Attr) *Reply {
	e.record(ctx, slog.LevelError, http.StatusInternalServerError, reason, attrs)
	return internalError()
}

// record writes one log record if the level is enabled; status 0 is left out.
func (e *Endpoint) record(ctx context.Context, level slog.Level, status int, reason string, attrs []slog.Attr) {
	if !e.log.Enabled(ctx, level) {
		return
	}
	all := make([]slog.Attr, 0, len(attrs)+2)
	all = append(all, slog.String("endpoint", e.name))
	if status != 0 {
		all = append(all, slog.Int("status", status))
	}
	all = append(all, attrs...)
	e.log.LogAttrs(ctx, level, "pusher handler: "+reason, all...)
}

// recoverTo turns a panic of the code it defers for (a callback's, or an
// error's method) into a 500 and an error record. It must be deferred.
func (e *Endpoint) recoverTo(ctx context.Context, rep *Reply) {
	v := recover()
	if v == nil {
		return
	}
	*rep = *e.fail(ctx, "callback panicked", slog.String("panic", fmt.Sprint(v)), slog.String("stack", string(debug.Stack())))
}

// errAttr renders a cause: see describe.
func errAttr(err error) slog.Attr { return slog.String("error", describe(err)) }

// describe is err's message, or, for a nil pointer in a non-nil error (a
// callback's `var e *T; return e`), what err is: its Error method would
// dereference nil. (An Error method that panics otherwise is caught by
// recoverTo.)
func describe(err error) string {
	if isNilPointer(err) {
		return fmt.Sprintf("nil %T returned as an error", err)
	}
	return err.Error()
}

// isNilPointer reports whether v, an interface value, is non-nil but holds
// a nil pointer.
func isNilPointer(x any) bool {
	v := reflect.ValueOf(x)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

// channelAttr renders a channel name.
func channelAttr(channel string) slog.Attr { return slog.String("channel", channel) }
