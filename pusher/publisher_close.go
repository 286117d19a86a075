package pusher

import (
	"context"
	"fmt"
)

// Flush returns once every event published before it was called has been
// delivered or reported to OnError, whatever is published meanwhile, or
// when ctx ends (then with ctx's error). It does not stop the Publisher.
func (p *Publisher) Flush(ctx context.Context) error {
	if err := p.usable(); err != nil {
		return err
	}
	if ctx == nil {
		return nilContextError()
	}
	p.mu.Lock()
	done := p.pending.mark()
	p.mu.Unlock()
	if done == nil {
		return nil
	}
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		p.mu.Lock()
		p.pending.forget(done)
		p.mu.Unlock()
		return ctx.Err()
	}
}

// Close stops accepting events (Publish then returns ErrPublisherClosed),
// sends everything queued and returns once every goroutine the Publisher
// started has ended. If ctx ends first, Close gives up: requests in flight
// are cancelled, every event not delivered is reported to OnError with an
// error matching ErrPublisherClosed and ctx's error, the goroutines end,
// and Close returns ctx's error. Calling Close again waits the same way.
//
// On a transport with the client's fast path (fasthttp, which cannot
// abandon a request in flight) requests sent before Close was called are
// not cancellable: when Close gives up it waits for those, each bounded by
// the client's timeout (WithTimeout; with none, the transport's own, 30 s
// by default on fasthttp), and their events are settled by
// their real outcome; requests sent while Close drains are cancelled as on
// any transport.
func (p *Publisher) Close(ctx context.Context) error {
	if err := p.usable(); err != nil {
		return err
	}
	if ctx == nil {
		return nilContextError()
	}
	p.mu.Lock()
	first := !p.closed
	p.closed = true
	p.mu.Unlock()
	if first {
		close(p.closing)
		// Publish calls already past the closed check either queue their
		// event or give up; none can send once this returns.
		p.senders.Wait()
		close(p.queue)
	}
	select {
	case <-p.done:
		return nil
	case <-ctx.Done():
	}
	select {
	case <-p.done: // drained as ctx ended
		return nil
	default:
	}
	p.cancel(fmt.Errorf("%w before its queue was sent: %w", ErrPublisherClosed, context.Cause(ctx)))
	<-p.done
	return ctx.Err()
}
