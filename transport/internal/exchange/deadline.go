package exchange

import (
	"context"
	"time"
)

// Bound returns ctx bounded by deadline too, for an adapter whose HTTP
// library takes its deadline from a context: ctx itself when deadline is
// zero or ctx already ends sooner, else a derived context the caller
// cancels once the call is over.
func Bound(ctx context.Context, deadline time.Time) (context.Context, context.CancelFunc) {
	if deadline.IsZero() {
		return ctx, noCancel
	}
	if sooner, ok := ctx.Deadline(); ok && !deadline.Before(sooner) {
		return ctx, noCancel
	}
	return context.WithDeadline(ctx, deadline)
}

// noCancel is Bound's CancelFunc when it derived nothing.
func noCancel() {}
