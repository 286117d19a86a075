package exchange

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/go-pusher/channels/transport"
)

// errNilResponse is the cause of the error a ReusingDoer's DoInto returns
// when it is lent no Response to fill.
var errNilResponse = fmt.Errorf("%w: DoInto needs a Response to fill, got nil", transport.ErrInvalidRequest)

// Fail is the error an adapter returns for a failed exchange: err wrapped
// with the adapter's name, the method and the URL minus its query. A
// net/http *url.Error is dropped for its cause, as its text quotes the whole
// signed URL; a ctx that ended the call is wrapped too, whatever the HTTP
// library reported.
func Fail(ctx context.Context, adapter string, req *transport.Request, err error) error {
	if ue, ok := err.(*url.Error); ok {
		err = ue.Err
	}
	if cerr := ctx.Err(); cerr != nil && !errors.Is(err, cerr) {
		err = fmt.Errorf("%w: %w", cerr, err)
	}
	method := req.Method
	if method == "" {
		method = http.MethodGet
	}
	return fmt.Errorf("%s: %s %q: %w", adapter, method, RedactURL(req.URL), err)
}

// Ready makes the checks every adapter makes before sending anything: req
// itself (Request), its URL (through targets, as ParseTarget would), that
// ctx has not ended and that there is a Response to fill. Its errors are
// Fail's, but for a request that is not valid, which has no URL worth
// naming.
func Ready(ctx context.Context, adapter string, req *transport.Request, targets *TargetChecker, resp *transport.Response) error {
	if err := Request(req); err != nil {
		return err
	}
	if err := targets.Check(req.URL); err != nil {
		return Fail(ctx, adapter, req, err)
	}
	if err := ctx.Err(); err != nil {
		return Fail(ctx, adapter, req, err)
	}
	if resp == nil {
		return Fail(ctx, adapter, req, errNilResponse)
	}
	return nil
}
