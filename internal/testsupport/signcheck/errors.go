package signcheck

import "errors"

// Sentinel errors, wrapped in an *Error by Verifier.Verify. Match them with
// errors.Is.
var (
	// ErrMalformedQuery reports a query string that does not parse, or an
	// auth parameter given more than once or with an unusable value.
	ErrMalformedQuery = errors.New("signcheck: malformed query")
	// ErrMissingAuthParam reports a required auth parameter that is absent.
	ErrMissingAuthParam = errors.New("signcheck: missing auth parameter")
	// ErrBadAuthVersion reports an auth_version other than 1.0.
	ErrBadAuthVersion = errors.New("signcheck: unsupported auth_version")
	// ErrUnknownKey reports an auth_key with no known secret.
	ErrUnknownKey = errors.New("signcheck: unknown auth_key")
	// ErrSignatureMismatch reports an auth_signature that does not match.
	ErrSignatureMismatch = errors.New("signcheck: auth_signature does not match")
	// ErrBodyMD5Mismatch reports a body_md5 that does not match the body.
	ErrBodyMD5Mismatch = errors.New("signcheck: body_md5 does not match the body")
	// ErrTimestampExpired reports an auth_timestamp outside the allowed skew.
	ErrTimestampExpired = errors.New("signcheck: auth_timestamp outside the allowed window")
)

// Error is the error Verify returns. Its message names the failing
// parameter but never contains a secret or a signature value.
type Error struct {
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
func (e *Error) Error() string {
	if e.Param == "" {
		return e.Reason.Error()
	}
	return e.Reason.Error() + " (" + e.Param + ")"
}

// Unwrap returns the sentinel reason, so errors.Is matches it.
func (e *Error) Unwrap() error { return e.Reason }

func reject(reason error, param string) *Error { return &Error{Reason: reason, Param: param} }
