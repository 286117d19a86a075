package pusher

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/go-pusher/channels/domain"
)

// Defaults of PublisherOptions.
const (
	// DefaultPublisherQueueSize is how many events a Publisher holds
	// waiting for a request before Publish waits for room.
	DefaultPublisherQueueSize = 10000
	// DefaultPublisherMaxInFlight is how many batch requests a Publisher
	// has in flight at once.
	DefaultPublisherMaxInFlight = 8
)

// ErrPublisherClosed is returned by Publish after Close, and matched by
// the error OnError receives for an event that Close gave up on when its
// context ended.
var ErrPublisherClosed = errors.New("pusher: publisher closed")

// errNilPublisher is what the methods of a nil or zero Publisher return.
var errNilPublisher = fmt.Errorf("%w: nil or zero Publisher (build one with NewPublisher)", ErrPublisherClosed)

// PublisherOptions configures a Publisher. The zero value is usable.
type PublisherOptions struct {
	// QueueSize caps the events published and not yet in a request; when
	// it is reached Publish waits for room. Zero means
	// DefaultPublisherQueueSize.
	QueueSize int
	// MaxInFlight caps the batch requests sent at once. Zero means
	// DefaultPublisherMaxInFlight. Concurrent batches may overtake each
	// other; 1 delivers events in the order Publish accepted them.
	MaxInFlight int
	// BatchSize caps the events in one request. Zero means the client's
	// limit (10 unless WithLimits says otherwise); more is refused.
	BatchSize int
	// OnError is called exactly once, from one of the Publisher's
	// goroutines, for every event that was accepted by Publish but not
	// delivered, with the error of its request (an *APIError or a
	// *TransportError); for an event Close gave up on, the error also
	// matches ErrPublisherClosed and Close's ctx error. An event whose request got no answer may
	// still have reached the service, as with Trigger. Nil means each
	// failure is logged at error level with the client's logger
	// (WithLogger). A panic in OnError is recovered and logged. A
	// callback must not call Close, which waits for it; a Publish from a
	// callback should be bounded by a ctx, as the room it may wait for
	// is made by the goroutines running the callbacks.
	OnError func(Event, error)
	// OnDelivered, if set, is called exactly once, from one of the
	// Publisher's goroutines, for every event the service accepted. A
	// panic in it is recovered and logged.
	OnDelivered func(Event)
}

// PublisherStats are a Publisher's counters of events (and requests),
// each read atomically; together they are not one snapshot.
type PublisherStats struct {
	// Queued is the events Publish has taken and not yet put in a
	// request, those waiting for room in a full queue included.
	Queued int64
	// InFlight is the events in requests being sent, retries included.
	InFlight int64
	// Delivered is the events the service accepted.
	Delivered int64
	// Failed is the events reported to OnError (or logged, without one).
	Failed int64
	// Requests is the batch requests sent (each counted once, however
	// many attempts its retries took).
	Requests int64
}

// Publisher sends events in the background, packing them into
// batch_events requests: an idle Publisher sends an event at once, a busy
// one fills each batch (up to BatchSize events) while earlier requests are
// in flight. Every event Publish accepts ends exactly one way: delivered
// (OnDelivered), or reported to OnError. Build one with NewPublisher and
// end it with Close. It is safe for concurrent use. On a client with
// WithGeneratedIdempotencyKeys each batch carries a key of its own, the
// same on every retry of it.
type Publisher struct {
	c           *Client
	batchSize   int
	onError     func(Event, error)
	onDelivered func(Event)

	queue   chan *pubItem // closed by Close once no Publish can send on it
	closing chan struct{} // closed by Close: wakes Publish calls waiting for room
	senders sync.WaitGroup
	items   sync.Pool // *pubItem

	mu      sync.Mutex // guards closed and pending
	closed  bool
	pending flushTracker

	// ctx is the requests' context, cancelled (with a cause matching
	// ErrPublisherClosed) when Close's context ends before the drain.
	ctx    context.Context
	cancel context.CancelCauseFunc
	// steady is ctx without its cancellation, the requests' context until
	// Close is called when the client's transport has the fast path: a
	// request that cannot be cancelled costs the fasthttp adapter no
	// goroutine and no timer, and it could not abandon one in flight
	// anyway. Nil on other transports, whose requests Close can cancel.
	steady context.Context
	live   atomic.Int64  // workers running
	done   chan struct{} // closed when the last worker has ended

	queued, inFlight, delivered, failed, requests atomic.Int64
}

// pubItem is one accepted event: the event as given (for the callbacks)
// and its object of a batch body, encoded and sealed at Publish.
type pubItem struct {
	event Event
	epoch uint64
	body  []byte
	// inline is body's first storage, so that a fresh item and the body of
	// a small event (most are) are one allocation, not three or four: the
	// pool is emptied by every garbage collection.
	inline [inlineItemBody]byte
}

// inlineItemBody is the room for an encoded event inside a pubItem: an
// event of ~150 bytes of data and short names fits.
const inlineItemBody = 256

// maxPooledItemBody is the largest encoded event a pooled pubItem keeps.
const maxPooledItemBody = 16 << 10

// NewPublisher returns a Publisher sending through c and starts its
// MaxInFlight goroutines; Close ends them. Options out of range are a
// *ConfigError; a nil, zero or closed c is ErrNilClient or ErrClosed.
func NewPublisher(c *Client, opts PublisherOptions) (*Publisher, error) {
	if err := c.open(); err != nil {
		return nil, err
	}
	queueSize, err := optionOrDefault("queue_size", opts.QueueSize, DefaultPublisherQueueSize)
	if err != nil {
		return nil, err
	}
	maxInFlight, err := optionOrDefault("max_in_flight", opts.MaxInFlight, DefaultPublisherMaxInFlight)
	if err != nil {
		return nil, err
	}
	limit := c.limits.MaxEventsPerBatch
	batchSize, err := optionOrDefault("batch_size", opts.BatchSize, limit)
	if err != nil {
		return nil, err
	}
	if batchSize > limit {
		return nil, &ConfigError{Field: "batch_size", Reason: "more than the client's limit of events per batch"}
	}
	ctx, cancel := context.WithCancelCause(context.Background())
	p := &Publisher{
		c:           c,
		batchSize:   batchSize,
		onError:     opts.OnError,
		onDelivered: opts.OnDelivered,
		queue:       make(chan *pubItem, queueSize),
		closing:     make(chan struct{}),
		pending:     newFlushTracker(),
		ctx:         ctx,
		cancel:      cancel,
		done:        make(chan struct{}),
	}
	if c.reuser != nil {
		p.steady = context.WithoutCancel(ctx)
	}
	p.items.New = func() any {
		it := new(pubItem)
		it.body = it.inline[:0]
		return it
	}
	p.live.Store(int64(maxInFlight))
	for range maxInFlight {
		go p.work()
	}
	return p, nil
}

// optionOrDefault returns v, or def when v is zero; a negative v is a
// *ConfigError on field.
func optionOrDefault(field string, v, def int) (int, error) {
	switch {
	case v < 0:
		return 0, &ConfigError{Field: field, Reason: "negative"}
	case v == 0:
		return def, nil
	}
	return v, nil
}

// Publish checks and encodes e exactly as TriggerBatch would (channel,
// name, socket id, data size after encryption; a private-encrypted- event
// is sealed with its own channel's key) and queues it for sending. A bad
// event is refused at once with the typed error Trigger would return and
// is never queued; so is an event with Info, which a Publisher has nobody
// to answer to. Data is encoded here: changing it afterwards changes
// nothing sent.
//
// When the queue is full Publish waits for room. ctx bounds only that
// wait: if it ends first (or has already ended), Publish returns its
// error and the event is not queued. A queued event is sent with the Publisher's own context, so ctx
// may end once Publish has returned. After Close, Publish returns
// ErrPublisherClosed; after the client's Close, ErrClosed.
func (p *Publisher) Publish(ctx context.Context, e Event) error {
	if err := p.usable(); err != nil {
		return err
	}
	if ctx == nil {
		return nilContextError()
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := p.c.open(); err != nil {
		return err // the client was closed
	}
	it, err := p.encode(&e)
	if err != nil {
		return err
	}
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		p.release(it)
		return ErrPublisherClosed
	}
	it.epoch = p.pending.add()
	p.senders.Add(1)
	p.mu.Unlock()
	defer p.senders.Done()

	p.queued.Add(1)
	select {
	case p.queue <- it:
		return nil
	default:
	}
	select {
	case p.queue <- it:
		return nil
	case <-ctx.Done():
		err = ctx.Err()
	case <-p.closing:
		err = ErrPublisherClosed
	}
	p.queued.Add(-1)
	p.mu.Lock()
	p.pending.finish(it.epoch, 1)
	p.mu.Unlock()
	p.release(it)
	return err
}

// encode validates e and encodes it into a pubItem's body.
func (p *Publisher) encode(e *Event) (*pubItem, error) {
	if len(e.Info) > 0 {
		return nil, &ValidationError{Field: "info", Reason: domain.ErrNotAllowed,
			Detail: "a Publisher does not return channel attributes (TriggerBatch does)"}
	}
	if err := validateBatchEvent(e); err != nil {
		return nil, err
	}
	wire, err := p.c.encodeData(e.Channel, e.Data)
	if err != nil {
		return nil, err
	}
	it := p.items.Get().(*pubItem)
	it.event = *e
	it.body = appendBatchEvent(it.body[:0], e, wire)
	return it, nil
}

// release returns it to the pool, dropping what it refers to.
func (p *Publisher) release(it *pubItem) {
	it.event = Event{}
	if cap(it.body) > maxPooledItemBody {
		it.body = it.inline[:0]
	}
	p.items.Put(it)
}

// usable returns errNilPublisher for a nil Publisher or one NewPublisher
// did not build.
func (p *Publisher) usable() error {
	if p == nil || p.c == nil {
		return errNilPublisher
	}
	return nil
}

// Stats returns the Publisher's counters; it may be called at any time.
// A nil Publisher has all counters zero.
func (p *Publisher) Stats() PublisherStats {
	if p == nil {
		return PublisherStats{}
	}
	return PublisherStats{
		Queued:    p.queued.Load(),
		InFlight:  p.inFlight.Load(),
		Delivered: p.delivered.Load(),
		Failed:    p.failed.Load(),
		Requests:  p.requests.Load(),
	}
}

// nilContextError is the error for a nil context.
func nilContextError() error {
	return &ValidationError{Field: "ctx", Reason: domain.ErrEmpty, Detail: "pass context.Background() or a request context"}
}
