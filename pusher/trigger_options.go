package pusher

import (
	"strings"

	"github.com/go-pusher/channels/domain"
)

// TriggerOption adjusts one trigger.
type TriggerOption func(*triggerParams)

// triggerParams are the optional parts of a trigger.
type triggerParams struct {
	concurrency int // requests at once, for TriggerFanout only

	socketID string
	info     []string

	idempotencyKey string // WithIdempotencyKey's
	keyGiven       bool
}

// ExcludeSocket keeps the event from the connection with socketID, usually
// the one whose action caused it.
func ExcludeSocket(socketID string) TriggerOption {
	return func(p *triggerParams) { p.socketID = socketID }
}

// WithInfo asks the service to answer with these attributes of each channel
// triggered, e.g. "subscription_count" or "user_count" (presence channels).
func WithInfo(attributes ...string) TriggerOption {
	return func(p *triggerParams) { p.info = append(p.info, attributes...) }
}

// collectTriggerOptions applies opts to fresh triggerParams. Kept apart
// from trigger so that only a call with options pays for the params
// escaping into the option funcs.
func collectTriggerOptions(opts []TriggerOption) triggerParams {
	if len(opts) == 0 {
		return triggerParams{}
	}
	var p triggerParams
	for _, opt := range opts {
		if opt != nil {
			opt(&p)
		}
	}
	return p
}

// validate checks the socket id and info attributes.
func (p *triggerParams) validate() error {
	if p.socketID != "" {
		if err := domain.ValidateSocketID(p.socketID); err != nil {
			return err
		}
	}
	if p.keyGiven {
		if err := validateIdempotencyKey(p.idempotencyKey); err != nil {
			return err
		}
	}
	return validateInfo(p.info)
}

// validateInfo checks that each attribute is a non-empty word that cannot
// smuggle in another parameter.
func validateInfo(info []string) error {
	for _, a := range info {
		if a == "" || strings.ContainsAny(a, ",&=?# ") {
			return &ValidationError{Field: "info", Value: a, Reason: domain.ErrBadFormat, Detail: "one attribute name per value"}
		}
	}
	return nil
}

// joinInfo joins attributes with commas as the API wants them.
func joinInfo(info []string) string { return strings.Join(info, ",") }
