package endpoint

import (
	"encoding/json"
	"errors"
	"net/url"

	"github.com/go-pusher/channels/domain"
)

// Field names of pusher-js's auth requests.
const (
	fieldSocketID = "socket_id"
	fieldChannel  = "channel_name"
)

// AuthRequest is a parsed and validated auth request.
type AuthRequest struct {
	SocketID string
	// Channel is empty for a user authentication request.
	Channel string
	// Params are the body's other fields, e.g. pusher-js's
	// channelAuthorization.params; never nil.
	Params url.Values
}

// requestError is why a body is not a valid auth request; its message is
// safe to send back (it never quotes a value).
type requestError struct{ msg string }

// Error returns the message.
func (e *requestError) Error() string { return e.msg }

// ParseAuthRequest decodes body in format f and validates its socket_id and,
// when withChannel, its channel_name: well formed, and a channel kind that
// takes authorization. Every field must appear once.
func ParseAuthRequest(f BodyFormat, body []byte, withChannel bool) (AuthRequest, error) {
	var (
		fields url.Values
		err    error
	)
	switch f {
	case FormBody:
		fields, err = url.ParseQuery(string(body))
		if err != nil {
			return AuthRequest{}, &requestError{"malformed form body"}
		}
	case JSONBody:
		fields, err = jsonFields(body)
		if err != nil {
			return AuthRequest{}, err
		}
	default:
		return AuthRequest{}, &requestError{"unsupported body format"}
	}

	var req AuthRequest
	if req.SocketID, err = takeField(fields, fieldSocketID); err != nil {
		return AuthRequest{}, err
	}
	if err := fieldError(fieldSocketID, domain.ValidateSocketID(req.SocketID)); err != nil {
		return AuthRequest{}, err
	}
	if withChannel {
		if req.Channel, err = takeField(fields, fieldChannel); err != nil {
			return AuthRequest{}, err
		}
		if err := fieldError(fieldChannel, domain.ValidateChannelName(req.Channel)); err != nil {
			return AuthRequest{}, err
		}
		if !domain.KindOf(req.Channel).NeedsAuthorization() {
			return AuthRequest{}, &requestError{"invalid " + fieldChannel + ": only private-, presence- and private-encrypted- channels are authorized"}
		}
	}
	req.Params = fields
	return req, nil
}

// takeField removes the field called name from fields and returns its one value.
func takeField(fields url.Values, name string) (string, error) {
	vs, ok := fields[name]
	switch {
	case !ok || len(vs) == 0:
		return "", &requestError{"missing " + name}
	case len(vs) > 1:
		return "", &requestError{name + " given more than once"}
	}
	delete(fields, name)
	return vs[0], nil
}

// fieldError turns a domain validation error into a message naming the
// request's field, its reason and its detail, but not its value.
func fieldError(field string, err error) error {
	if err == nil {
		return nil
	}
	msg := "invalid " + field
	var ve *domain.ValidationError
	if errors.As(err, &ve) {
		if ve.Reason != nil {
			msg += ": " + ve.Reason.Error()
		}
		if ve.Detail != "" {
			msg += " (" + ve.Detail + ")"
		}
	}
	return &requestError{msg}
}

// jsonFields decodes a JSON object into fields: strings as they are, other
// values as their JSON text. socket_id and channel_name must be strings.
func jsonFields(body []byte) (url.Values, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(body, &obj); err != nil || obj == nil {
		return nil, &requestError{"malformed JSON body: want an object"}
	}
	fields := make(url.Values, len(obj))
	for k, raw := range obj {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			if k == fieldSocketID || k == fieldChannel {
				return nil, &requestError{k + " must be a JSON string"}
			}
			s = string(raw)
		}
		fields[k] = []string{s}
	}
	return fields, nil
}
