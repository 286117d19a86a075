package pusher

import (
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"reflect"

	"github.com/go-pusher/channels/domain"
)

// IdempotencyKeyHeader is the header that carries a request's idempotency
// key, besides the idempotency_key member of its body.
const IdempotencyKeyHeader = "X-Idempotency-Key"

// MaxIdempotencyKeyLength is the longest idempotency key the client sends.
const MaxIdempotencyKeyLength = 200

// WithIdempotencyKey sends key with a trigger or a batch (TriggerBatch
// takes it too) as its idempotency key: in the body's idempotency_key
// member and the X-Idempotency-Key header, the same on every attempt.
// A server that honours keys (Sockudo does, for 120 s) processes a request
// whose key it has seen only once; Pusher's own service documents no such
// key. Give each distinct trigger its own key, e.g. the id of the record
// that caused it. A key is 1 to 200 printable ASCII characters, no spaces.
//
// Retrying a keyed trigger after a lost answer is safe only on a server
// declared to honour keys: see WithIdempotencyKeysHonored.
func WithIdempotencyKey(key string) TriggerOption {
	return func(p *triggerParams) { p.idempotencyKey, p.keyGiven = key, true }
}

// WithIdempotencyKeysHonored declares that the server honours idempotency
// keys (as Sockudo does): it processes a request carrying a key it has
// already seen only once. RetryIdempotent, the default RetryIf, then
// retries a trigger or batch carrying a key (WithIdempotencyKey or
// WithGeneratedIdempotencyKeys) after a network error or a 5xx as it
// retries a GET, resending the same key. Triggers without a key, and any
// trigger on a client without this declaration, stay unretried after
// such failures. Do not declare it for Pusher's own service, which
// documents no idempotency key: a retried trigger may then be delivered
// twice.
func WithIdempotencyKeysHonored() Option {
	return func(c *config) error { c.keysHonored = true; return nil }
}

// WithGeneratedIdempotencyKeys gives every trigger, batch and SendToUser
// that has no WithIdempotencyKey a fresh random key (128 bits from the
// client's random source, in hex), the same on each of its attempts, and
// declares the server honours keys (WithIdempotencyKeysHonored): with
// WithRetry, a trigger whose answer was lost is retried and delivered once.
func WithGeneratedIdempotencyKeys() Option {
	return func(c *config) error { c.keysHonored, c.keysGenerated = true, true; return nil }
}

// validateIdempotencyKey checks a key given with WithIdempotencyKey.
func validateIdempotencyKey(key string) error {
	if key == "" {
		return &ValidationError{Field: "idempotency_key", Reason: domain.ErrEmpty}
	}
	if len(key) > MaxIdempotencyKeyLength {
		return &ValidationError{Field: "idempotency_key", Value: key, Reason: domain.ErrTooLong,
			Detail: fmt.Sprintf("%d > %d bytes", len(key), MaxIdempotencyKeyLength)}
	}
	for i := 0; i < len(key); i++ {
		if key[i] <= ' ' || key[i] >= 0x7f {
			return &ValidationError{Field: "idempotency_key", Value: key, Reason: domain.ErrBadCharacter,
				Detail: "printable ASCII, no spaces"}
		}
	}
	return nil
}

// idempotencyKey returns the key a trigger sends: the one given, a fresh
// one when the client generates keys, or "".
func (c *Client) idempotencyKey(p *triggerParams) (string, error) {
	if p.keyGiven || !c.keysGenerated {
		return p.idempotencyKey, nil
	}
	var raw [16]byte
	if _, err := io.ReadFull(c.random, raw[:]); err != nil {
		return "", fmt.Errorf("pusher: idempotency key: %w", err)
	}
	return hex.EncodeToString(raw[:]), nil
}

// keyedHeader returns the request headers of a JSON call carrying key, or
// nil (the client's shared headers) when key is "".
func (c *Client) keyedHeader(key string) http.Header {
	if key == "" {
		return nil
	}
	h := c.headers.json.Fields().Clone()
	h.Set(IdempotencyKeyHeader, key)
	return h
}

// appendIdempotencyKey appends the idempotency_key member, if key is set.
func appendIdempotencyKey(dst []byte, key string) []byte {
	if key == "" {
		return dst
	}
	dst = append(dst, `,"idempotency_key":`...)
	return appendJSONString(dst, key)
}

// retriesKeyedCalls reports whether a client with cfg retries keyed POSTs
// as idempotent: its server honours keys and its RetryIf is
// RetryIdempotent, which the call's method alone cannot tell it.
func retriesKeyedCalls(cfg *config) bool {
	return cfg.keysHonored && cfg.retry != nil &&
		reflect.ValueOf(cfg.retry.RetryIf).Pointer() == reflect.ValueOf(RetryIdempotent).Pointer()
}

// batchIdempotencyKey checks the options of a batch, which may only carry
// an idempotency key, and returns the key it sends.
func (c *Client) batchIdempotencyKey(opts []TriggerOption) (string, error) {
	p := collectTriggerOptions(opts)
	if p.socketID != "" || len(p.info) > 0 {
		return "", &ValidationError{Field: "opts", Reason: domain.ErrNotAllowed,
			Detail: "a batch takes ExcludeSocket and WithInfo per event: set Event.SocketID and Event.Info"}
	}
	if err := p.validate(); err != nil {
		return "", err
	}
	return c.idempotencyKey(&p)
}
