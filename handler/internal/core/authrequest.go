package core

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
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
	// Params are the body's other fields; never nil.
	Params url.Values
}

// requestError is why a body is not a valid auth request; its message is
// safe to send back (it never quotes a value).
type requestError struct{ msg string }

// Error returns the message.
func (e *requestError) Error() string { return e.msg }

// parseAuthRequest decodes body in format f and validates its socket_id and,
// when withChannel, its channel_name: each given once, well formed, and a
// channel kind that takes authorization.
func parseAuthRequest(f bodyFormat, body []byte, withChannel bool) (AuthRequest, error) {
	var (
		fields url.Values
		err    error
	)
	if f == jsonBody {
		fields, err = jsonFields(body)
	} else if fields, err = url.ParseQuery(string(body)); err != nil {
		err = &requestError{"malformed form body"}
	}
	if err != nil {
		return AuthRequest{}, err
	}

	var req AuthRequest
	if req.SocketID, err = takeField(fields, fieldSocketID, domain.ValidateSocketID); err != nil {
		return AuthRequest{}, err
	}
	if withChannel {
		if req.Channel, err = takeField(fields, fieldChannel, domain.ValidateChannelName); err != nil {
			return AuthRequest{}, err
		}
		if !domain.KindOf(req.Channel).NeedsAuthorization() {
			return AuthRequest{}, &requestError{"invalid " + fieldChannel + ": only private-, presence- and private-encrypted- channels are authorized"}
		}
	}
	req.Params = fields
	return req, nil
}

// takeField removes the field called name from fields and returns its one
// value, checked by validate.
func takeField(fields url.Values, name string, validate func(string) error) (string, error) {
	vs := fields[name]
	switch {
	case len(vs) == 0:
		return "", &requestError{"missing " + name}
	case len(vs) > 1:
		return "", &requestError{name + " given more than once"}
	}
	delete(fields, name)
	return vs[0], fieldError(name, validate(vs[0]))
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
// values as their JSON text. A member given twice keeps both values, as a
// form field given twice does, so takeField refuses a repeated socket_id or
// channel_name whichever the encoding. socket_id and channel_name must be
// strings.
func jsonFields(body []byte) (url.Values, error) {
	malformed := &requestError{"malformed JSON body: want an object"}
	dec := json.NewDecoder(bytes.NewReader(body))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, malformed
	}
	fields := url.Values{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, malformed
		}
		k, _ := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, malformed
		}
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			if k == fieldSocketID || k == fieldChannel {
				return nil, &requestError{k + " must be a JSON string"}
			}
			s = string(raw)
		}
		fields[k] = append(fields[k], s)
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return nil, malformed
	}
	if _, err := dec.Token(); err != io.EOF { // nothing after the object
		return nil, malformed
	}
	return fields, nil
}
