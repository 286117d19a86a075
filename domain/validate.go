package domain

import "unicode/utf8"

// maxEventNameLength is the longest event name the service accepts.
const maxEventNameLength = 200

// maxUserIDLength is the longest user id the service accepts.
const maxUserIDLength = 200

// ValidateAppID checks an app id: one or more ASCII digits.
func ValidateAppID(id string) error {
	if id == "" {
		return invalid("app_id", id, ErrEmpty, "")
	}
	for i := 0; i < len(id); i++ {
		if id[i] < '0' || id[i] > '9' {
			return invalid("app_id", id, ErrBadFormat, "digits only")
		}
	}
	return nil
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
	if n := utf8.RuneCountInString(name); n > maxEventNameLength {
		return invalid("event", name, ErrTooLong, countDetail(n, maxEventNameLength, "characters"))
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
