package pusher

import (
	"context"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/go-pusher/channels/domain"
)

// DefaultFanoutConcurrency is how many requests TriggerFanout sends at
// once unless FanoutConcurrency says otherwise.
const DefaultFanoutConcurrency = 4

// FanoutConcurrency caps the requests TriggerFanout sends at once (n ≥ 1;
// DefaultFanoutConcurrency without it). Other triggers ignore it.
func FanoutConcurrency(n int) TriggerOption {
	return func(p *triggerParams) { p.concurrency = n }
}

// TriggerFanout publishes event with data on every one of channels, as
// many as there are: plain channels in triggers of up to the client's
// channel limit (100), private-encrypted- channels each sealed with its
// own channel's key and sent in batch_events requests of up to the batch
// limit (10), with at most FanoutConcurrency requests at once. A channel
// named twice receives the event once. ExcludeSocket and WithInfo apply to
// every channel; the answer merges the attributes asked for. One
// idempotency key cannot cover several requests, so WithIdempotencyKey is
// refused; a client with WithGeneratedIdempotencyKeys gives each request a
// key of its own.
//
// Everything is checked, encoded and sealed before anything is sent: a bad
// argument is the typed error Trigger would return, and nothing is sent.
// If some requests fail, TriggerFanout returns the attributes from the
// others with a *FanoutError naming the channels of the failed requests;
// errors.Is and errors.As reach each request's error through it.
//
// TriggerMulti keeps to the service's rules (at most 100 channels, none
// encrypted among several); TriggerFanout is the way past them.
func (c *Client) TriggerFanout(ctx context.Context, channels []string, event string, data any, opts ...TriggerOption) (TriggerResult, error) {
	if err := c.open(); err != nil {
		return TriggerResult{}, err
	}
	if ctx == nil {
		return TriggerResult{}, nilContextError()
	}
	p := collectTriggerOptions(opts)
	reqs, total, err := c.planFanout(channels, event, data, &p)
	if err != nil {
		return TriggerResult{}, err
	}
	concurrency := p.concurrency
	if concurrency == 0 {
		concurrency = DefaultFanoutConcurrency
	}
	outcomes := c.runFanout(ctx, reqs, concurrency, len(p.info) > 0)
	return mergeFanout(reqs, outcomes, total)
}

// fanoutRequest is one request of a fan-out and the channels it reaches.
type fanoutRequest struct {
	channels []string
	batch    bool // a batch_events request of encrypted channels, else a trigger
	body     []byte
	key      string // idempotency key, "" for none
}

// fanoutOutcome is how one fanoutRequest ended.
type fanoutOutcome struct {
	attrs map[string]ChannelAttributes
	err   error
}

// planFanout validates a fan-out and builds its requests; it returns them
// and the number of distinct channels.
func (c *Client) planFanout(channels []string, event string, data any, p *triggerParams) ([]fanoutRequest, int, error) {
	if len(channels) == 0 {
		return nil, 0, &ValidationError{Field: "channels", Reason: domain.ErrTooFew, Detail: "at least one channel"}
	}
	if p.concurrency < 0 {
		return nil, 0, &ValidationError{Field: "concurrency", Reason: domain.ErrTooFew, Detail: "at least one request at a time"}
	}
	if err := domain.ValidateEventName(event); err != nil {
		return nil, 0, err
	}
	if err := p.validate(); err != nil {
		return nil, 0, err
	}
	if p.keyGiven {
		return nil, 0, &ValidationError{Field: "idempotency_key", Reason: domain.ErrNotAllowed,
			Detail: "a fan-out sends several requests, and one key would make the server drop all but the first"}
	}
	plain, sealed, err := splitFanoutChannels(channels)
	if err != nil {
		return nil, 0, err
	}

	var reqs []fanoutRequest
	if len(plain) > 0 {
		wire, err := c.encodeData(plain[0], data)
		if err != nil {
			return nil, 0, err
		}
		for chunk := range slices.Chunk(plain, c.limits.MaxChannelsPerTrigger) {
			key, err := c.idempotencyKey(p)
			if err != nil {
				return nil, 0, err
			}
			reqs = append(reqs, fanoutRequest{channels: chunk, key: key, body: appendTriggerBody(nil, chunk, event, wire, key, p)})
		}
	}
	for chunk := range slices.Chunk(sealed, c.limits.MaxEventsPerBatch) {
		body := append([]byte(nil), `{"batch":[`...)
		for i, ch := range chunk {
			wire, err := c.encodeData(ch, data) // sealed with ch's own key
			if err != nil {
				return nil, 0, err
			}
			if i > 0 {
				body = append(body, ',')
			}
			e := Event{Channel: ch, Name: event, SocketID: p.socketID, Info: p.info}
			body = appendBatchEvent(body, &e, wire)
		}
		key, err := c.idempotencyKey(p)
		if err != nil {
			return nil, 0, err
		}
		body = appendIdempotencyKey(append(body, ']'), key)
		reqs = append(reqs, fanoutRequest{channels: chunk, batch: true, key: key, body: append(body, '}')})
	}
	return reqs, len(plain) + len(sealed), nil
}

// splitFanoutChannels validates channels and splits them, without
// repeats, into plain and encrypted ones.
func splitFanoutChannels(channels []string) (plain, sealed []string, err error) {
	seen := make(map[string]struct{}, len(channels))
	for _, ch := range channels {
		if err := domain.ValidateChannelName(ch); err != nil {
			return nil, nil, err
		}
		if _, dup := seen[ch]; dup {
			continue
		}
		seen[ch] = struct{}{}
		if domain.IsEncrypted(ch) {
			sealed = append(sealed, ch)
		} else {
			plain = append(plain, ch)
		}
	}
	return plain, sealed, nil
}

// runFanout sends reqs with at most concurrency at once and returns how
// each ended, in order. Every goroutine it starts has ended when it returns.
func (c *Client) runFanout(ctx context.Context, reqs []fanoutRequest, concurrency int, wantInfo bool) []fanoutOutcome {
	out := make([]fanoutOutcome, len(reqs))
	var next atomic.Int64
	run := func() {
		for {
			i := int(next.Add(1) - 1)
			if i >= len(reqs) {
				return
			}
			out[i] = c.sendFanout(ctx, &reqs[i], wantInfo)
		}
	}
	workers := min(concurrency, len(reqs))
	if workers <= 1 {
		run()
		return out
	}
	var wg sync.WaitGroup
	for range workers {
		wg.Go(run)
	}
	wg.Wait()
	return out
}

// sendFanout sends one request of a fan-out and reads the attributes it
// was asked for.
func (c *Client) sendFanout(ctx context.Context, r *fanoutRequest, wantInfo bool) fanoutOutcome {
	path := c.paths.events
	if r.batch {
		path = c.paths.batch
	}
	s := c.getScratch()
	defer c.putScratch(s)
	resp, err := c.send(ctx, call{method: http.MethodPost, path: path, body: r.body, header: c.keyedHeader(r.key)}, s)
	if err != nil || !wantInfo {
		return fanoutOutcome{err: err}
	}
	if !r.batch {
		var res TriggerResult
		err := c.decode(http.MethodPost, path, resp.Body, &res)
		return fanoutOutcome{attrs: res.Channels, err: err}
	}
	var res BatchResult
	if err := c.decode(http.MethodPost, path, resp.Body, &res); err != nil {
		return fanoutOutcome{err: err}
	}
	attrs := make(map[string]ChannelAttributes, len(r.channels))
	for i, a := range res.Batch {
		if i < len(r.channels) {
			attrs[r.channels[i]] = a
		}
	}
	return fanoutOutcome{attrs: attrs}
}

// mergeFanout gathers the attributes of the requests that succeeded and
// the failures of the others.
func mergeFanout(reqs []fanoutRequest, outcomes []fanoutOutcome, total int) (TriggerResult, error) {
	var res TriggerResult
	var failures []FanoutFailure
	for i, o := range outcomes {
		if o.err != nil {
			failures = append(failures, FanoutFailure{Channels: reqs[i].channels, Err: o.err})
			continue
		}
		for ch, a := range o.attrs {
			if res.Channels == nil {
				res.Channels = make(map[string]ChannelAttributes)
			}
			res.Channels[ch] = a
		}
	}
	if failures != nil {
		return res, &FanoutError{Failures: failures, Total: total}
	}
	return res, nil
}
