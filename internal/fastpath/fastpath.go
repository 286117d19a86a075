// Package fastpath names the optional fast path between pusher.Client and
// the fasthttp adapter: a call that writes its answer into a Response the
// client lends from a pool, is bounded by a deadline passed beside ctx
// rather than in it, and names the header fields the client sends unchanged
// on most requests, prepared once (Header). It is internal because it is a
// measured optimisation for one adapter, not part of the port (package
// transport): on fasthttp, which cannot abort a call in flight, a deadline
// in a cancellable ctx costs a context, a timer and a goroutine per call,
// and setting a request's fields one by one costs more than the rest of
// the adapter; the net/http and resty adapters gained nothing measurable
// from it and do not have it.
package fastpath

import (
	"context"
	"time"

	"github.com/go-pusher/channels/transport"
)

// Doer is implemented by an adapter with the fast path.
//
// DoInto keeps the contract of transport.Doer's Do, except that the answer
// goes into resp: StatusCode is set, Body is replaced by the answer's body
// (reusing the capacity of the Body resp held) and Header by its headers
// (possibly the same map and strings resp held). A resp lent with a nil
// Header asks only for the headers the client may read: those of an answer
// outside 2xx, and of a 2xx that carries Retry-After (a Pusher-compatible
// server may answer 200 with an embedded error and ask to be retried
// later); on any other 2xx the adapter may leave Header nil, as copying
// them costs. resp must not be nil. On error resp's fields are
// unspecified. Either way the adapter stops using resp once DoInto
// returns.
//
// req is one the client built: its method, URL (absolute, escaped, signed)
// and headers (canonical names) are valid, so DoInto need not check or
// canonicalise them again as Do does.
// req, its URL and the memory behind them are valid only during the call:
// the client reuses them afterwards, so the adapter copies what it keeps
// (an error must not quote a substring of req.URL).
//
// header, when not nil, must be req.Header prepared (req.Header is
// header.Fields()): the adapter may send the fields it keeps with header
// instead of req.Header, so a caller must never pass a header whose fields
// differ (a keyed call's idempotency key would be lost). Nil means
// req.Header is one of a kind, e.g. a keyed call's.
//
// A non-zero deadline bounds the call like a deadline on ctx, the sooner
// of the two applying; a call it cuts off fails with an error wrapping
// context.DeadlineExceeded, as if ctx had carried it.
type Doer interface {
	DoInto(ctx context.Context, req *transport.Request, header *Header, deadline time.Time, resp *transport.Response) error
}
