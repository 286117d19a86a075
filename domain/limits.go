package domain

// Limits are the size rules a client applies before it sends anything.
type Limits struct {
	// MaxDataBytes caps an event's data, in bytes of what goes on the wire
	// (after encryption, before JSON escaping).
	MaxDataBytes int
	// MaxChannelsPerTrigger caps the channels of one trigger.
	MaxChannelsPerTrigger int
	// MaxEventsPerBatch caps the events of one batch trigger.
	MaxEventsPerBatch int
}

// DefaultLimits returns the limits of the shared clusters: 10 KiB of data,
// 100 channels a trigger, 10 events a batch. Dedicated clusters may allow
// larger payloads.
func DefaultLimits() Limits {
	return Limits{
		MaxDataBytes:          10 * 1024,
		MaxChannelsPerTrigger: 100,
		MaxEventsPerBatch:     10,
	}
}

// CheckChannelCount checks that a trigger names between 1 and
// l.MaxChannelsPerTrigger channels.
func (l Limits) CheckChannelCount(n int) error {
	if n < 1 {
		return invalid("channels", "", ErrTooFew, "at least one channel")
	}
	if n > l.MaxChannelsPerTrigger {
		return invalid("channels", "", ErrTooMany, countDetail(n, l.MaxChannelsPerTrigger, "channels"))
	}
	return nil
}

// CheckBatchSize checks that a batch holds between 1 and l.MaxEventsPerBatch
// events.
func (l Limits) CheckBatchSize(n int) error {
	if n < 1 {
		return invalid("batch", "", ErrTooFew, "at least one event")
	}
	if n > l.MaxEventsPerBatch {
		return invalid("batch", "", ErrTooMany, countDetail(n, l.MaxEventsPerBatch, "events"))
	}
	return nil
}

// CheckDataSize checks that n bytes of wire data fit l.MaxDataBytes.
func (l Limits) CheckDataSize(n int) error {
	if n > l.MaxDataBytes {
		return invalid("data", "", ErrTooLarge, countDetail(n, l.MaxDataBytes, "bytes"))
	}
	return nil
}

// Validate checks that every limit is positive.
func (l Limits) Validate() error {
	if l.MaxDataBytes < 1 || l.MaxChannelsPerTrigger < 1 || l.MaxEventsPerBatch < 1 {
		return invalid("limits", "", ErrTooFew, "every limit must be at least 1")
	}
	return nil
}
