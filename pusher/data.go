package pusher

import (
	"encoding/json"
	"fmt"
	"unicode/utf8"

	"github.com/go-pusher/channels/domain"
)

// wireData is an event's data as it goes on the wire, kept as the string or
// bytes it came in as so that pre-encoded data is never copied.
type wireData struct {
	str     string
	bytes   []byte
	isBytes bool
}

// size is the data's length in bytes, what the size limit counts.
func (w wireData) size() int {
	if w.isBytes {
		return len(w.bytes)
	}
	return len(w.str)
}

// validUTF8 reports whether the data is valid UTF-8.
func (w wireData) validUTF8() bool {
	if w.isBytes {
		return utf8.Valid(w.bytes)
	}
	return utf8.ValidString(w.str)
}

// appendJSON appends the data as a JSON string literal.
func (w wireData) appendJSON(dst []byte) []byte {
	if w.isBytes {
		return appendJSONString(dst, w.bytes)
	}
	return appendJSONString(dst, w.str)
}

// plain returns the data's bytes (a copy for string data).
func (w wireData) plain() []byte {
	if w.isBytes {
		return w.bytes
	}
	return []byte(w.str)
}

// encodeData turns an event's data into what goes on the wire for channel:
// a string, []byte or json.RawMessage as it is, anything else encoded with
// the client's JSON codec; for a private-encrypted- channel, the encryption
// envelope of those same bytes (so pusher-js hands the browser the same
// value either way). It then checks the size limit.
func (c *Client) encodeData(channel string, data any) (wireData, error) {
	var w wireData
	switch v := data.(type) {
	case string:
		w = wireData{str: v}
	case []byte:
		w = wireData{bytes: v, isBytes: true}
	case json.RawMessage:
		w = wireData{bytes: v, isBytes: true}
	default:
		b, err := c.codec.Marshal(v)
		if err != nil {
			return wireData{}, &ValidationError{Field: "data", Reason: domain.ErrBadFormat, Detail: "cannot encode as JSON: " + err.Error()}
		}
		w = wireData{bytes: b, isBytes: true}
	}
	if domain.IsEncrypted(channel) {
		env, err := c.encrypt(channel, w.plain())
		if err != nil {
			return wireData{}, err
		}
		w = wireData{bytes: env, isBytes: true}
	}
	if err := c.limits.CheckDataSize(w.size()); err != nil {
		return wireData{}, err
	}
	if !w.validUTF8() {
		// The data travels as a JSON string: invalid UTF-8 would be
		// replaced on the wire, silently changing it (and its size).
		return wireData{}, &ValidationError{Field: "data", Reason: domain.ErrBadFormat, Detail: "not valid UTF-8"}
	}
	return w, nil
}

// encrypt seals plaintext for channel with the master key.
func (c *Client) encrypt(channel string, plaintext []byte) ([]byte, error) {
	if c.masterKey == nil {
		return nil, encryptionKeyMissing(channel)
	}
	env, err := c.masterKey.Encrypt(channel, plaintext, c.random)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrEncryption, err)
	}
	return env, nil
}

// encryptionKeyMissing is the error for an encrypted channel on a client
// without a master key.
func encryptionKeyMissing(channel string) error {
	return fmt.Errorf("%w: channel %q is encrypted but the client has no master key (WithEncryptionMasterKeyBase64)", ErrEncryption, channel)
}
