package domain_test

import (
	"strings"
	"testing"

	"github.com/go-pusher/channels/domain"
)

func TestValidateChannelNameAccepts(t *testing.T) {
	tests := []struct {
		name    string
		channel string
	}{
		{"one character", "a"},
		{"letters and digits", "abcXYZ0189"},
		{"200 bytes", strings.Repeat("a", domain.MaxChannelNameLength)},
		{"hyphen", "a-b"},
		{"underscore", "a_b"},
		{"equals", "a=b"},
		{"at", "a@b"},
		{"comma", "a,b"},
		{"dot", "a.b"},
		{"semicolon", "a;b"},
		{"only specials", "-_=@,.;"},
		{"private", "private-room"},
		{"presence", "presence-room"},
		{"private-encrypted", "private-encrypted-room"},
		{"cache", "cache-prices"},
		{"server-to-user", "#server-to-user-abc"},
		{"server-to-user with specials", "#server-to-user-a-b_c=d@e,f.g;h"},
		{"server-to-user 200 bytes", "#server-to-user-" + strings.Repeat("u", 200-len("#server-to-user-"))},
		{"server-to-user with a 200-byte user id", "#server-to-user-" + strings.Repeat("u", 200)},
		{"three dots", "..."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := domain.ValidateChannelName(tt.channel); err != nil {
				t.Fatalf("ValidateChannelName(%q) = %v, want nil", tt.channel, err)
			}
		})
	}
}

func TestValidateChannelNameRejects(t *testing.T) {
	tests := []struct {
		name    string
		channel string
		reason  error
	}{
		{"empty", "", domain.ErrEmpty},
		{"201 bytes", strings.Repeat("a", domain.MaxChannelNameLength+1), domain.ErrTooLong},
		{"1000 bytes", strings.Repeat("a", 1000), domain.ErrTooLong},
		{"server-to-user with a 201-byte user id", "#server-to-user-" + strings.Repeat("u", 201), domain.ErrTooLong},
		{"dot", ".", domain.ErrNotAllowed},
		{"two dots", "..", domain.ErrNotAllowed},
		{"server-to-user dot dot", "#server-to-user-..", domain.ErrNotAllowed},
		{"space", "my channel", domain.ErrBadCharacter},
		{"leading space", " a", domain.ErrBadCharacter},
		{"trailing newline", "a\n", domain.ErrBadCharacter},
		{"tab", "a\tb", domain.ErrBadCharacter},
		{"NUL", "a\x00b", domain.ErrBadCharacter},
		{"hash inside", "a#b", domain.ErrBadCharacter},
		{"slash", "a/b", domain.ErrBadCharacter},
		{"percent", "a%2Fb", domain.ErrBadCharacter},
		{"colon", "a:b", domain.ErrBadCharacter},
		{"question mark", "a?b", domain.ErrBadCharacter},
		{"ampersand", "a&b", domain.ErrBadCharacter},
		{"plus", "a+b", domain.ErrBadCharacter},
		{"backslash", `a\b`, domain.ErrBadCharacter},
		{"quote", `a"b`, domain.ErrBadCharacter},
		{"unicode letter", "café", domain.ErrBadCharacter},
		{"emoji", "room-😀", domain.ErrBadCharacter},
		{"invalid UTF-8", "a\xffb", domain.ErrBadCharacter},
		{"other hash channel", "#other", domain.ErrBadCharacter},
		{"hash alone", "#", domain.ErrBadCharacter},
		{"server-to-user prefix without dash", "#server-to-user", domain.ErrBadCharacter},
		{"server-to-user upper case", "#Server-to-user-abc", domain.ErrBadCharacter},
		{"server-to-user without id", "#server-to-user-", domain.ErrBadFormat},
		{"server-to-user id with space", "#server-to-user-a b", domain.ErrBadCharacter},
		{"server-to-user id with colon", "#server-to-user-a:b", domain.ErrBadCharacter},
		{"server-to-user twice", "#server-to-user-#server-to-user-a", domain.ErrBadCharacter},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := domain.ValidateChannelName(tt.channel)
			requireValidationError(t, err, "channel", tt.reason)
		})
	}
}

// TestValidateChannelNameEveryByte checks all 256 byte values in the middle
// of a name against the allowed set, written out independently here.
func TestValidateChannelNameEveryByte(t *testing.T) {
	const allowed = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_=@,.;"
	for b := 0; b < 256; b++ {
		name := "a" + string([]byte{byte(b)}) + "z"
		err := domain.ValidateChannelName(name)
		if strings.IndexByte(allowed, byte(b)) >= 0 {
			if err != nil {
				t.Errorf("byte %#02x: ValidateChannelName(%q) = %v, want nil", b, name, err)
			}
			continue
		}
		if err == nil {
			t.Errorf("byte %#02x: ValidateChannelName(%q) = nil, want an error", b, name)
		}
	}
}

func TestValidateChannelNameTooLongDetail(t *testing.T) {
	// 150 two-byte runes: 300 bytes. The limit is in bytes, and so is the detail.
	err := domain.ValidateChannelName(strings.Repeat("é", 150))
	ve := requireValidationError(t, err, "channel", domain.ErrTooLong)
	if want := "300 > 200 bytes"; ve.Detail != want {
		t.Errorf("Detail = %q, want %q", ve.Detail, want)
	}
}

func TestKindOf(t *testing.T) {
	tests := []struct {
		channel    string
		want       domain.ChannelKind
		wantString string
		needsAuth  bool
		encrypted  bool
	}{
		{"my-channel", domain.PublicChannel, "public", false, false},
		{"", domain.PublicChannel, "public", false, false},
		{"cache-prices", domain.PublicChannel, "public", false, false},
		{"private", domain.PublicChannel, "public", false, false},
		{"Private-x", domain.PublicChannel, "public", false, false},
		{"privatex", domain.PublicChannel, "public", false, false},
		{"private-x", domain.PrivateChannel, "private", true, false},
		{"private-", domain.PrivateChannel, "private", true, false},
		{"private-encrypted", domain.PrivateChannel, "private", true, false},
		{"private-encryptedx", domain.PrivateChannel, "private", true, false},
		{"private-encrypted-x", domain.PrivateEncryptedChannel, "private-encrypted", true, true},
		{"private-encrypted-", domain.PrivateEncryptedChannel, "private-encrypted", true, true},
		{"presence-room", domain.PresenceChannel, "presence", true, false},
		{"presence-", domain.PresenceChannel, "presence", true, false},
		{"presence", domain.PublicChannel, "public", false, false},
		{"presence-private-x", domain.PresenceChannel, "presence", true, false},
		{"#server-to-user-abc", domain.ServerToUserChannel, "server-to-user", false, false},
		{"#server-to-user-", domain.ServerToUserChannel, "server-to-user", false, false},
		{"#other", domain.PublicChannel, "public", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.channel, func(t *testing.T) {
			got := domain.KindOf(tt.channel)
			if got != tt.want {
				t.Fatalf("KindOf(%q) = %v, want %v", tt.channel, got, tt.want)
			}
			if s := got.String(); s != tt.wantString {
				t.Errorf("KindOf(%q).String() = %q, want %q", tt.channel, s, tt.wantString)
			}
			if n := got.NeedsAuthorization(); n != tt.needsAuth {
				t.Errorf("KindOf(%q).NeedsAuthorization() = %v, want %v", tt.channel, n, tt.needsAuth)
			}
			if e := domain.IsEncrypted(tt.channel); e != tt.encrypted {
				t.Errorf("IsEncrypted(%q) = %v, want %v", tt.channel, e, tt.encrypted)
			}
		})
	}
}

func TestChannelKindStringUnknown(t *testing.T) {
	if got := domain.ChannelKind(99).String(); got != "public" {
		t.Errorf("ChannelKind(99).String() = %q, want %q", got, "public")
	}
	if domain.ChannelKind(99).NeedsAuthorization() {
		t.Error("ChannelKind(99).NeedsAuthorization() = true, want false")
	}
}

func TestUserChannel(t *testing.T) {
	tests := []struct {
		userID string
		want   string
	}{
		{"abc", "#server-to-user-abc"},
		{"user-1", "#server-to-user-user-1"},
		{"a@b.c", "#server-to-user-a@b.c"},
	}
	for _, tt := range tests {
		t.Run(tt.userID, func(t *testing.T) {
			got := domain.UserChannel(tt.userID)
			if got != tt.want {
				t.Fatalf("UserChannel(%q) = %q, want %q", tt.userID, got, tt.want)
			}
			if err := domain.ValidateChannelName(got); err != nil {
				t.Errorf("ValidateChannelName(UserChannel(%q)) = %v, want nil", tt.userID, err)
			}
			if k := domain.KindOf(got); k != domain.ServerToUserChannel {
				t.Errorf("KindOf(UserChannel(%q)) = %v, want server-to-user", tt.userID, k)
			}
		})
	}
}
