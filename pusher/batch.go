package pusher

import (
	"context"
	"net/http"

	"github.com/go-pusher/channels/domain"
)

// Event is one event of a batch trigger.
type Event struct {
	Channel string
	Name    string
	// Data is sent as Trigger sends it: strings and bytes as they are,
	// anything else JSON-encoded, encrypted on private-encrypted- channels.
	Data any
	// SocketID, if set, keeps the event from that connection.
	SocketID string
	// Info asks for attributes of the channel in the answer.
	Info []string
}

// BatchResult is the service's answer to a batch trigger: for each event,
// in order, the attributes its Info asked for. Batch is nil when no event
// asked for any.
type BatchResult struct {
	Batch []ChannelAttributes `json:"batch"`
}

// TriggerBatch publishes up to 10 events (by default) in one request. Every
// event is checked, encoded and encrypted before anything is sent: one bad
// event refuses the whole batch. Of the trigger options it takes only
// WithIdempotencyKey, one key for the whole batch; ExcludeSocket and
// WithInfo are per event here (Event.SocketID, Event.Info).
func (c *Client) TriggerBatch(ctx context.Context, events []Event, opts ...TriggerOption) (BatchResult, error) {
	if err := c.open(); err != nil {
		return BatchResult{}, err
	}
	if err := c.limits.CheckBatchSize(len(events)); err != nil {
		return BatchResult{}, err
	}
	key, err := c.batchIdempotencyKey(opts)
	if err != nil {
		return BatchResult{}, err
	}
	s := c.getScratch()
	defer c.putScratch(s)
	body := append(s.body[:0], `{"batch":[`...)
	wantInfo := false
	for i := range events {
		e := &events[i]
		if err := validateBatchEvent(e); err != nil {
			return BatchResult{}, err
		}
		wire, err := c.encodeData(e.Channel, e.Data)
		if err != nil {
			return BatchResult{}, err
		}
		if i > 0 {
			body = append(body, ',')
		}
		body = appendBatchEvent(body, e, wire)
		wantInfo = wantInfo || len(e.Info) > 0
	}
	body = append(body, ']')
	body = appendIdempotencyKey(body, key)
	body = append(body, '}')
	s.body = body

	path := c.paths.batch
	resp, err := c.send(ctx, call{method: http.MethodPost, path: path, body: body, header: c.keyedHeader(key)}, s)
	if err != nil || !wantInfo {
		return BatchResult{}, err
	}
	var res BatchResult
	if err := c.decode(http.MethodPost, path, resp.Body, &res); err != nil {
		return BatchResult{}, err
	}
	return res, nil
}

// validateBatchEvent checks one event of a batch but its data.
func validateBatchEvent(e *Event) error {
	if err := domain.ValidateChannelName(e.Channel); err != nil {
		return err
	}
	if err := domain.ValidateEventName(e.Name); err != nil {
		return err
	}
	p := triggerParams{socketID: e.SocketID, info: e.Info}
	return p.validate()
}

// appendBatchEvent appends one event object of a batch body.
func appendBatchEvent(dst []byte, e *Event, data wireData) []byte {
	dst = append(dst, `{"channel":`...)
	dst = appendJSONString(dst, e.Channel)
	dst = append(dst, `,"name":`...)
	dst = appendJSONString(dst, e.Name)
	dst = append(dst, `,"data":`...)
	dst = data.appendJSON(dst)
	return appendEventOptions(dst, e.SocketID, e.Info)
}
