package pushertest

import (
	"errors"
	"strings"
)

// serverToUserPrefix starts the channel a send-to-user event goes to.
const serverToUserPrefix = "#server-to-user-"

// checkChannelName applies the service's channel name rule: at most
// maxNameLength bytes of [-a-zA-Z0-9_=@,.;], or #server-to-user-{id}.
func checkChannelName(name string) error {
	switch {
	case name == "":
		return errors.New("channel name must not be empty")
	case len(name) > maxNameLength:
		return errors.New("channel name longer than 200 characters")
	case strings.HasPrefix(name, serverToUserPrefix):
		if len(name) == len(serverToUserPrefix) {
			return errors.New("channel name " + name + " has no user id")
		}
		return nil
	}
	for i := 0; i < len(name); i++ {
		if !isChannelNameByte(name[i]) {
			return errors.New("channel name contains an invalid character: " + name)
		}
	}
	return nil
}

func isChannelNameByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		strings.IndexByte("-_=@,.;", c) >= 0
}

// checkSocketID requires the \d+\.\d+ form.
func checkSocketID(id string) error {
	dot := strings.IndexByte(id, '.')
	if dot <= 0 || dot == len(id)-1 || !allDigits(id[:dot]) || !allDigits(id[dot+1:]) {
		return errors.New("invalid socket_id: " + id)
	}
	return nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// checkEventName requires a non-empty name of at most maxNameLength bytes.
func checkEventName(name string) error {
	switch {
	case name == "":
		return errors.New("event name must not be empty")
	case len(name) > maxNameLength:
		return errors.New("event name longer than 200 characters")
	}
	return nil
}

func isPresence(channel string) bool { return strings.HasPrefix(channel, "presence-") }

func isEncrypted(channel string) bool { return strings.HasPrefix(channel, "private-encrypted-") }
