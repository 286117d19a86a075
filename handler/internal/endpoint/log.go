package endpoint

import (
	"context"
	"log/slog"
)

// Records never carry a socket's auth value, a signature, a body or a
// secret: only the endpoint, the status, a fixed reason, the channel name
// and the cause's message.

// debug logs a request refused with a 4xx.
func (e *Endpoint) debug(ctx context.Context, status int, reason string, attrs ...slog.Attr) {
	e.record(ctx, slog.LevelDebug, status, reason, attrs)
}

// warn logs a request refused for a reason worth attention, e.g. a webhook
// with a bad signature.
func (e *Endpoint) warn(ctx context.Context, status int, reason string, attrs ...slog.Attr) {
	e.record(ctx, slog.LevelWarn, status, reason, attrs)
}

// error logs a failure on the server's side or lost data.
func (e *Endpoint) error(ctx context.Context, status int, reason string, attrs ...slog.Attr) {
	e.record(ctx, slog.LevelError, status, reason, attrs)
}

// record writes one log record if the level is enabled.
func (e *Endpoint) record(ctx context.Context, level slog.Level, status int, reason string, attrs []slog.Attr) {
	if !e.log.Enabled(ctx, level) {
		return
	}
	all := make([]slog.Attr, 0, len(attrs)+2)
	all = append(all, slog.String("endpoint", e.name), slog.Int("status", status))
	all = append(all, attrs...)
	e.log.LogAttrs(ctx, level, "pusher handler: "+reason, all...)
}

// errAttr renders a cause.
func errAttr(err error) slog.Attr { return slog.String("error", err.Error()) }

// channelAttr renders a channel name.
func channelAttr(channel string) slog.Attr { return slog.String("channel", channel) }
