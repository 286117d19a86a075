package endpoint

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
)

// refusal maps a callback's error to a reply: 401 or 403 for the refusal
// sentinels, 500 for anything else. The error's message goes to the log
// only, never to the client.
func (e *Endpoint) refusal(ctx context.Context, err error, attrs ...slog.Attr) Reply {
	attrs = append(attrs, errAttr(err))
	switch {
	case errors.Is(err, ErrForbidden):
		e.debug(ctx, http.StatusForbidden, "refused by callback", attrs...)
		return text(http.StatusForbidden, "forbidden")
	case errors.Is(err, ErrUnauthenticated):
		e.debug(ctx, http.StatusUnauthorized, "refused by callback", attrs...)
		return text(http.StatusUnauthorized, "unauthenticated")
	default:
		e.error(ctx, http.StatusInternalServerError, "callback failed", attrs...)
		return internalError()
	}
}

// badRequest answers a body that is not a valid auth request.
func (e *Endpoint) badRequest(ctx context.Context, err error) Reply {
	e.debug(ctx, http.StatusBadRequest, "bad request", errAttr(err))
	return text(http.StatusBadRequest, err.Error())
}
