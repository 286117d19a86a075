package pusher

import (
	"context"
	"fmt"
	"net/http"
)

// work is one of the Publisher's MaxInFlight goroutines: it takes the
// next event, adds whatever else is already queued up to the batch size,
// and sends them in one request, until Close closes the queue and it is
// empty. An idle worker thus sends a lone event at once, and while every
// worker is busy, events pile up into full batches.
func (p *Publisher) work() {
	defer func() {
		if p.live.Add(-1) == 0 {
			p.cancel(nil) // release the context's resources
			close(p.done)
		}
	}()
	batch := make([]*pubItem, 0, p.batchSize)
	var body []byte
	for it := range p.queue {
		batch = p.fill(append(batch[:0], it))
		body = p.sendBatch(batch, body)
		clear(batch)
	}
}

// fill adds queued events to batch, without waiting, up to the batch size.
func (p *Publisher) fill(batch []*pubItem) []*pubItem {
	for len(batch) < p.batchSize {
		select {
		case it, ok := <-p.queue:
			if !ok {
				return batch
			}
			batch = append(batch, it)
		default:
			return batch
		}
	}
	return batch
}

// sendBatch sends batch as one batch_events request, building its body in
// body's storage (returned for reuse), and settles every event in it.
func (p *Publisher) sendBatch(batch []*pubItem, body []byte) []byte {
	n := int64(len(batch))
	p.inFlight.Add(n)
	p.queued.Add(-n)
	err := context.Cause(p.ctx) // set once Close has given up
	if err == nil {
		err = p.c.open() // ErrClosed once the client is closed: nothing is sent
	}
	var key string
	if err == nil {
		// A fresh key per batch when the client generates keys, the same
		// on every retry of the batch.
		key, err = p.c.idempotencyKey(&triggerParams{})
	}
	if err == nil {
		body = appendBatchBody(body[:0], batch, key)
		p.requests.Add(1)
		s := p.c.getScratch()
		_, sendErr := p.c.send(p.requestContext(), call{method: http.MethodPost, path: p.c.paths.batch, body: body, header: p.c.keyedHeader(key)}, s)
		p.c.putScratch(s)
		if sendErr != nil {
			if cause := context.Cause(p.ctx); cause != nil {
				// Close gave up while the request was in flight.
				sendErr = fmt.Errorf("%w (%w)", sendErr, cause)
			}
			err = sendErr
		}
	}
	p.inFlight.Add(-n)
	if err == nil {
		p.delivered.Add(n)
	} else {
		p.failed.Add(n)
	}
	for _, it := range batch {
		switch {
		case err != nil:
			p.reportFailed(it.event, err)
		case p.onDelivered != nil: // else the event is not even read: it is cold by now
			p.reportDelivered(it.event)
		}
	}
	p.settle(batch)
	return body
}

// requestContext is the context of the next request: p.steady while it is
// set and Close has not been called, so that only a request already in
// flight when Close starts runs to its answer or the client's timeout;
// p.ctx otherwise, which Close cancels when it gives up.
func (p *Publisher) requestContext() context.Context {
	if p.steady != nil {
		select {
		case <-p.closing:
		default:
			return p.steady
		}
	}
	return p.ctx
}

// appendBatchBody appends the body of a batch_events request of batch,
// with key as its idempotency key unless it is "".
func appendBatchBody(dst []byte, batch []*pubItem, key string) []byte {
	dst = append(dst, `{"batch":[`...)
	for i, it := range batch {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, it.body...)
	}
	dst = appendIdempotencyKey(append(dst, ']'), key)
	return append(dst, '}')
}

// settle counts batch's events as ended for Flush and recycles them.
func (p *Publisher) settle(batch []*pubItem) {
	p.mu.Lock()
	for i := 0; i < len(batch); {
		epoch, j := batch[i].epoch, i+1
		for j < len(batch) && batch[j].epoch == epoch {
			j++
		}
		p.pending.finish(epoch, j-i)
		i = j
	}
	p.mu.Unlock()
	for _, it := range batch {
		p.release(it)
	}
}

// reportDelivered calls OnDelivered, which must be set, surviving a panic
// in it.
func (p *Publisher) reportDelivered(e Event) {
	defer p.recoverCallback("OnDelivered")
	p.onDelivered(e)
}

// reportFailed calls OnError, or logs the failure without one, surviving
// a panic in OnError.
func (p *Publisher) reportFailed(e Event, err error) {
	if p.onError == nil {
		p.c.logger.Error("pusher: event not delivered", "channel", e.Channel, "event", e.Name, "error", err.Error())
		return
	}
	defer p.recoverCallback("OnError")
	p.onError(e, err)
}

// recoverCallback, deferred around a user callback, logs its panic
// instead of letting it end the Publisher's goroutine.
func (p *Publisher) recoverCallback(name string) {
	if r := recover(); r != nil {
		p.c.logger.Error("pusher: Publisher "+name+" panicked", "panic", fmt.Sprint(r))
	}
}
