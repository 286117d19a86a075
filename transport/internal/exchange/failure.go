package exchange

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/go-pusher/channels/internal/redact"
	"github.com/go-pusher/channels/transport"
)

// Fail is the error an adapter returns for a failed exchange: err wrapped
// with the adapter's name, the method and the URL minus its query, and
// with the signed query cut out of it wherever the HTTP library put it
// (redact.Error); a ctx that ended the call is wrapped too, whatever the
// HTTP library reported.
func Fail(ctx context.Context, adapter string, req *transport.Request, err error) error {
	err = redact.Error(err, req.URL)
	if cerr := ctx.Err(); cerr != nil && !errors.Is(err, cerr) {
		err = fmt.Errorf("%w: %w", cerr, err)
	}
	method := req.Method
	if method == "" {
		method = http.MethodGet
	}
	return fmt.Errorf("%s: %s %q: %w", adapter, method, redact.URL(req.URL), err)
}

// Ready makes the checks every adapter makes before sending anything: req
// itself (Request), its URL (CheckTarget) and that ctx has not ended. Its
// errors are Fail's, but for a request that is not valid, which has no URL
// worth naming.
func Ready(ctx context.Context, adapter string, req *transport.Request) error {
	if err := Request(req); err != nil {
		return err
	}
	if err := CheckTarget(req.URL); err != nil {
		return Fail(ctx, adapter, req, err)
	}
	if err := ctx.Err(); err != nil {
		return Fail(ctx, adapter, req, err)
	}
	return nil
}
