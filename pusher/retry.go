package pusher

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"syscall"
	"time"

	"github.com/go-pusher/channels/transport"
)

// RetryPolicy says whether and when a failed call is tried again. Retries
// are off unless WithRetry is given. Every attempt is signed afresh, so no
// attempt carries a stale auth_timestamp, and none outlives the call's
// context or timeout.
//
// Pusher's Channels API documents no idempotency key: a trigger whose first
// attempt reached the service but whose answer was lost will be delivered
// twice if it is retried. RetryIdempotent, the default RetryIf, therefore
// retries a trigger (a POST) only when it cannot have been delivered: the
// connection was refused, or the service answered 429. On a server that
// honours idempotency keys (Sockudo), declared with
// WithIdempotencyKeysHonored, it also retries a trigger that carries a key
// (WithIdempotencyKey) as it retries a GET. Choose RetryAll to retry
// triggers on any network error or 5xx too, accepting duplicates.
type RetryPolicy struct {
	// MaxAttempts is the most attempts a call makes, the first included.
	// Values below 2 mean no retries.
	MaxAttempts int
	// Backoff says how long to wait before attempt n+1 after attempt n
	// failed. Nil means ExponentialBackoff(100ms, 2s). A Retry-After header
	// on the answer lengthens the wait to what it asks.
	Backoff BackoffFunc
	// RetryIf says whether a failure may be retried. Nil means RetryIdempotent.
	RetryIf RetryFunc
	// MaxElapsed caps the time from the first attempt to the start of the
	// last one. Zero means only the context and the client's timeout cap it.
	MaxElapsed time.Duration
}

// BackoffFunc returns the wait after the failed attempt number attempt (1-based).
type BackoffFunc func(attempt int) time.Duration

// RetryFunc says whether a call with the given method may be retried after
// an attempt ended with err: an *APIError when the service answered, with
// statusCode its APIError.StatusCode, else a *TransportError, with
// statusCode 0. Both are the policy's to keep.
type RetryFunc func(method string, statusCode int, err error) bool

// WithRetry turns retries on with policy p.
func WithRetry(p RetryPolicy) Option {
	return func(c *config) error {
		if p.MaxAttempts < 0 || p.MaxElapsed < 0 {
			return &ConfigError{Field: "retry", Reason: "negative attempts or elapsed time"}
		}
		// Each client gets its own copy: one Option may build many clients,
		// concurrently.
		policy := p
		if policy.Backoff == nil {
			policy.Backoff = ExponentialBackoff(100*time.Millisecond, 2*time.Second)
		}
		if policy.RetryIf == nil {
			policy.RetryIf = RetryIdempotent
		}
		c.retry = &policy
		return nil
	}
}

// ExponentialBackoff waits a random time between half and all of
// base·2^(attempt-1), never more than max ("equal jitter"), so that many
// clients failing together do not retry together. The doubling stops at
// max, so no attempt number overflows it.
func ExponentialBackoff(base, max time.Duration) BackoffFunc {
	return func(attempt int) time.Duration {
		d := base
		for i := 1; i < attempt && d < max; i++ {
			if d > max/2 {
				d = max
				break
			}
			d *= 2
		}
		if d > max {
			d = max
		}
		if d <= 0 {
			return 0
		}
		half := d / 2
		return half + rand.N(d-half+1)
	}
}

// RetryIdempotent retries a GET on a network error, 429 or 5xx, and any
// other method (a trigger) only where it cannot have been delivered: the
// connection was refused or the service answered 429. A trigger or batch
// carrying an idempotency key, on a client that declares the server
// honours keys (WithIdempotencyKeysHonored), is retried as a GET is (a
// RetryFunc of your own is asked with the call's real method).
func RetryIdempotent(method string, statusCode int, err error) bool {
	if isContextError(err) {
		return false
	}
	if statusCode != 0 {
		return statusCode == http.StatusTooManyRequests ||
			(method == http.MethodGet && statusCode >= 500)
	}
	if method == http.MethodGet {
		return err != nil
	}
	return isConnectionRefused(err)
}

// RetryAll retries any call on a network error, 429 or 5xx. A trigger may
// then be delivered twice.
func RetryAll(method string, statusCode int, err error) bool {
	if isContextError(err) {
		return false
	}
	if statusCode != 0 {
		return statusCode == http.StatusTooManyRequests || statusCode >= 500
	}
	return err != nil
}

// next says whether attempt should be followed by another, and after what
// wait; none is that would end past deadline (zero for none) or ctx's.
// keyed says the call is a POST carrying an idempotency key that the
// server honours and RetryIf is RetryIdempotent: it is asked about it as
// about a GET.
func (p *RetryPolicy) next(ctx context.Context, deadline time.Time, method string, keyed bool, attempt int, resp *transport.Response, err error, start time.Time) (time.Duration, bool) {
	if p == nil || attempt >= p.MaxAttempts {
		return 0, false
	}
	if keyed {
		method = http.MethodGet // safe to repeat, as a GET is
	}
	if !p.RetryIf(method, statusOf(err), err) {
		return 0, false
	}
	wait := p.Backoff(attempt)
	if ra, ok := retryAfter(resp); ok && ra > wait {
		wait = ra
	}
	if p.MaxElapsed > 0 && wait > p.MaxElapsed-time.Since(start) { // no overflow for a huge wait
		return 0, false
	}
	if d, ok := ctx.Deadline(); ok && (deadline.IsZero() || d.Before(deadline)) {
		deadline = d
	}
	if !deadline.IsZero() && time.Until(deadline) < wait {
		return 0, false
	}
	return wait, true
}

// statusOf is the HTTP status of the answer err reports, 0 for none.
func statusOf(err error) int {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr.StatusCode
	}
	return 0
}

// retryAfter reads a Retry-After header in seconds or as an HTTP date. A
// number of seconds too large for a Duration is the longest Duration, not
// a wrapped-around short one.
func retryAfter(resp *transport.Response) (time.Duration, bool) {
	if resp == nil {
		return 0, false
	}
	v := resp.Header.Get("Retry-After")
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseUint(v, 10, 64); err == nil || errors.Is(err, strconv.ErrRange) {
		if secs > uint64(math.MaxInt64/time.Second) {
			return math.MaxInt64, true
		}
		return time.Duration(secs) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(time.Until(t), 0), true
	}
	return 0, false
}

// isContextError reports whether err comes from a cancelled or expired context.
func isContextError(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// isConnectionRefused reports whether err says the connection was never
// made, so nothing was sent.
func isConnectionRefused(err error) bool {
	if errors.Is(err, syscall.ECONNREFUSED) {
		return true
	}
	var opErr *net.OpError
	return errors.As(err, &opErr) && opErr.Op == "dial"
}
