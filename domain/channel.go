package domain

import "strings"

// Channel name prefixes that select a channel's kind.
const (
	privatePrefix          = "private-"
	presencePrefix         = "presence-"
	privateEncryptedPrefix = "private-encrypted-"
	serverToUserPrefix     = "#server-to-user-"
)

// MaxChannelNameLength is the longest channel name the service accepts,
// but for the "#server-to-user-" form, whose user id may have 200 bytes of
// its own.
const MaxChannelNameLength = 200

// ChannelKind is what a channel's name prefix makes of it.
type ChannelKind int

// The channel kinds.
const (
	PublicChannel ChannelKind = iota
	PrivateChannel
	PresenceChannel
	PrivateEncryptedChannel
	ServerToUserChannel
)

// String names the kind.
func (k ChannelKind) String() string {
	switch k {
	case PrivateChannel:
		return "private"
	case PresenceChannel:
		return "presence"
	case PrivateEncryptedChannel:
		return "private-encrypted"
	case ServerToUserChannel:
		return "server-to-user"
	default:
		return "public"
	}
}

// KindOf returns the kind of the channel called name.
func KindOf(name string) ChannelKind {
	switch {
	case strings.HasPrefix(name, privateEncryptedPrefix):
		return PrivateEncryptedChannel
	case strings.HasPrefix(name, privatePrefix):
		return PrivateChannel
	case strings.HasPrefix(name, presencePrefix):
		return PresenceChannel
	case strings.HasPrefix(name, serverToUserPrefix):
		return ServerToUserChannel
	default:
		return PublicChannel
	}
}

// IsEncrypted reports whether name is a private-encrypted- channel.
func IsEncrypted(name string) bool { return strings.HasPrefix(name, privateEncryptedPrefix) }

// NeedsAuthorization reports whether subscribing to the kind takes a signed
// authorization (private, presence and private-encrypted channels).
func (k ChannelKind) NeedsAuthorization() bool {
	return k == PrivateChannel || k == PresenceChannel || k == PrivateEncryptedChannel
}

// UserChannel returns the channel through which the service delivers events
// sent to one user: "#server-to-user-" followed by the user id.
func UserChannel(userID string) string { return serverToUserPrefix + userID }

// ValidateChannelName checks a channel name: 1 to 200 bytes of
// [-a-zA-Z0-9_=@,.;] other than "." and "..", or "#server-to-user-"
// followed by a user id ValidateUserID accepts (so SendToUser takes every
// user id AuthenticateUser does).
func ValidateChannelName(name string) error {
	if userID, ok := strings.CutPrefix(name, serverToUserPrefix); ok {
		if userID == "" {
			return invalid("channel", name, ErrBadFormat, "no user id after "+serverToUserPrefix)
		}
		if err := ValidateUserID(userID); err != nil {
			v := err.(*ValidationError)
			return invalid("channel", name, v.Reason, "user id: "+v.Detail)
		}
		return nil
	}
	return validateName("channel", name, MaxChannelNameLength)
}

// validateName checks a channel name or user id: 1 to max bytes of
// [-a-zA-Z0-9_=@,.;], and not "." or "..", which a URL path would read as
// a dot segment (the name goes in the path of the channel and user
// endpoints).
func validateName(field, name string, max int) error {
	switch {
	case name == "":
		return invalid(field, name, ErrEmpty, "")
	case len(name) > max:
		return invalid(field, name, ErrTooLong, countDetail(len(name), max, "bytes"))
	case indexOfDisallowed(name) >= 0:
		return invalid(field, name, ErrBadCharacter, "allowed: a-z A-Z 0-9 - _ = @ , . ;")
	case name == "." || name == "..":
		return invalid(field, name, ErrNotAllowed, "a dot segment in a URL path")
	}
	return nil
}

// indexOfDisallowed returns the index of the first byte of s outside
// [-a-zA-Z0-9_=@,.;], or -1.
func indexOfDisallowed(s string) int {
	for i := 0; i < len(s); i++ {
		if !nameBytes[s[i]] {
			return i
		}
	}
	return -1
}

// nameBytes[b] reports whether the byte b may appear in a channel name or
// user id. It is read only.
var nameBytes = func() (t [256]bool) {
	for b := 'a'; b <= 'z'; b++ {
		t[b] = true
	}
	for b := 'A'; b <= 'Z'; b++ {
		t[b] = true
	}
	for b := '0'; b <= '9'; b++ {
		t[b] = true
	}
	for _, b := range "-_=@,.;" {
		t[b] = true
	}
	return t
}()
