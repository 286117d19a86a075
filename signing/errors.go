package signing

import "errors"

// Sentinel errors returned, wrapped in a *RequestError, by VerifyRequest.
// Match them with errors.Is.
var (
	// ErrMalformedQuery reports a query string that does not parse, or an
	// auth parameter given more than once or with an unusable value.
	ErrMalformedQuery = errors.New("signing: malformed query")
	// ErrMissingAuthParam reports a required auth parameter that is absent.
	ErrMissingAuthParam = errors.New("signing: missing auth parameter")
	// ErrBadAuthVersion reports an auth_version other than 1.0.
	ErrBadAuthVersion = errors.New("signing: unsupported auth_version")
	// ErrUnknownKey reports an auth_key with no known secret.
	ErrUnknownKey = errors.New("signing: unknown auth_key")
	// ErrSignatureMismatch reports an auth_signature that does not match.
	ErrSignatureMismatch = errors.New("signing: auth_signature does not match")
	// ErrBodyMD5Mismatch reports a body_md5 that does not match the body.
	ErrBodyMD5Mismatch = errors.New("signing: body_md5 does not match the body")
	// ErrTimestampExpired reports an auth_timestamp outside the allowed skew.
	ErrTimestampExpired = errors.New("signing: auth_timestamp outside the allowed window")
)

// RequestError is the error VerifyRequest returns. Its message names the
// failing parameter but never contains a secret or a signature value.
type RequestError struct {
	// Reason is one of the sentinel errors of this package.
	Reason error
	// Param names the query parameter at fault, if any.
	Param string
	// StringToSign is the exact string the signature was expected to cover;
	// set only when Reason is ErrSignatureMismatch. It holds no secret and
	// is meant for debugging output such as an HTTP 401 body.
	StringToSign string
}

// Error returns the reason and, if known, the parameter at fault.
func (e *RequestError) Error() string {
	if e.Param == "" {
		return e.Reason.Error()
	}
	return e.Reason.Error() + " (" + e.Param + ")"
}

// Unwrap returns the sentinel reason, so errors.Is matches it.
func (e *RequestError) Unwrap() error { return e.Reason }

func reject(reason error, param string) *RequestError {
	return &RequestError{Reason: reason, Param: param}
}
