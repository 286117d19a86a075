package domain

import "unicode/utf8"

// maxEventNameLength is the longest event name the service accepts.
const maxEventNameLength = 200

// maxUserIDLength is the longest user id the service accepts.
const maxUserIDLength = 200

// ValidateAppID checks an app id: a path segment (see IsPathSegment).
// Pusher's own ids are digits; self-hosted servers use others (soketi's
// default app is "app-id").
func ValidateAppID(id string) error {
	switch {
	case id == "":
		return invalid("app_id", id, ErrEmpty, "")
	case id == "." || id == "..":
		return invalid("app_id", id, ErrBadFormat, "a dot segment is not an id")
	case !IsPathSegment(id):
		return invalid("app_id", id, ErrBadFormat, "allowed: a-z A-Z 0-9 - _ . ~")
	}
	return nil
}

// IsPathSegment reports whether s is a URL path segment that needs no
// escaping and that no URL resolution removes: one or more letters, digits,
// '-', '_', '.' or '~' (RFC 3986's unreserved characters), but not "." or
// "..". So '/', '?', '#', '%', spaces and control characters are out.
func IsPathSegment(s string) bool {
	if s == "" || s == "." || s == ".." {
		return false
	}
	for i := 0; i < len(s); i++ {
		b := s[i]
		switch {
		case 'a' <= b && b <= 'z', 'A' <= b && b <= 'Z', '0' <= b && b <= '9',
			b == '-', b == '.', b == '_', b == '~':
		default:
			return false
		}
	}
	return true
}

// ValidateSocketID checks a socket id against \d+\.\d+ (the whole string).
func ValidateSocketID(id string) error {
	if id == "" {
		return invalid("socket_id", id, ErrEmpty, "")
	}
	dot := -1
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch {
		case c >= '0' && c <= '9':
		case c == '.' && dot < 0:
			dot = i
		default:
			return invalid("socket_id", id, ErrBadFormat, `want digits "." digits`)
		}
	}
	if dot <= 0 || dot == len(id)-1 {
		return invalid("socket_id", id, ErrBadFormat, `want digits "." digits`)
	}
	return nil
}

// ValidateEventName checks an event name: 1 to 200 characters of valid UTF-8.
func ValidateEventName(name string) error {
	if name == "" {
		return invalid("event", name, ErrEmpty, "")
	}
	// No more bytes than the limit allows characters: no need to count them.
	if len(name) > maxEventNameLength {
		if n := utf8.RuneCountInString(name); n > maxEventNameLength {
			return invalid("event", name, ErrTooLong, countDetail(n, maxEventNameLength, "characters"))
		}
	}
	if !utf8.ValidString(name) {
		return invalid("event", name, ErrBadFormat, "not valid UTF-8")
	}
	return nil
}

// ValidateUserID checks a user id: 1 to 200 bytes of [-a-zA-Z0-9_=@,.;]
// other than "." and "..". The same rule holds wherever a user id goes:
// presence members, user authentication, SendToUser's "#server-to-user-"
// channel and TerminateUserConnections' path.
func ValidateUserID(id string) error { return validateName("user_id", id, maxUserIDLength) }
