package pusher

import "strconv"

// FanoutError reports the requests of a TriggerFanout that failed and the
// channels each carried; the channels of the other requests received the
// event. errors.Is and errors.As look into every request's error (an
// *APIError, a *TransportError, or ErrMalformedResponse when the service
// accepted a request but its answer to WithInfo could not be read).
type FanoutError struct {
	// Failures lists the failed requests in the order they were planned:
	// plain channels first, then encrypted ones.
	Failures []FanoutFailure
	// Total is how many distinct channels the fan-out was for.
	Total int
}

// FanoutFailure is one failed request of a fan-out.
type FanoutFailure struct {
	// Channels are the channels the request carried. After an answer
	// other than a 2xx they did not receive the event; after no answer
	// at all they may have.
	Channels []string
	// Err is the request's error.
	Err error
}

// Channels returns every channel of a failed request, in order.
func (e *FanoutError) Channels() []string {
	if e == nil {
		return nil
	}
	var out []string
	for _, f := range e.Failures {
		out = append(out, f.Channels...)
	}
	return out
}

// Error says how many channels failed and quotes the first failure.
func (e *FanoutError) Error() string {
	if e == nil || len(e.Failures) == 0 {
		return "pusher: fan-out failed"
	}
	n := 0
	for _, f := range e.Failures {
		n += len(f.Channels)
	}
	msg := "pusher: fan-out failed for " + strconv.Itoa(n) + " of " + strconv.Itoa(e.Total) +
		" channels in " + strconv.Itoa(len(e.Failures)) + " request"
	if len(e.Failures) > 1 {
		msg += "s"
	}
	if first := e.Failures[0].Err; first != nil {
		msg += "; first: " + first.Error()
	}
	return msg
}

// Unwrap returns the error of every failed request.
func (e *FanoutError) Unwrap() []error {
	if e == nil {
		return nil
	}
	errs := make([]error, 0, len(e.Failures))
	for _, f := range e.Failures {
		if f.Err != nil {
			errs = append(errs, f.Err)
		}
	}
	return errs
}
