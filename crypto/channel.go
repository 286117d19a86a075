package crypto

import (
	"crypto/sha256"
	"encoding/base64"
)

// ChannelKey returns the secretbox key of one channel:
// SHA-256(channel name bytes ‖ 32-byte master key). A nil or zero MasterKey
// returns the zero array; check errors from ParseMasterKey instead of relying
// on that.
func (m *MasterKey) ChannelKey(channel string) [32]byte {
	s := m.material()
	if s == nil {
		return [32]byte{}
	}
	return s.channelKey(channel)
}

// SharedSecret returns the channel key in standard base64, the value of
// shared_secret in the authorization response for a private-encrypted-
// channel. A nil or zero MasterKey returns "", which pusher-js refuses.
func (m *MasterKey) SharedSecret(channel string) string {
	s := m.material()
	if s == nil {
		return ""
	}
	key := s.channelKey(channel)
	defer clear(key[:])
	return base64.StdEncoding.EncodeToString(key[:])
}

// channelKey hashes channel ‖ key, built in a fixed 256-byte buffer that
// holds any name within the service's 200-byte limit; append grows it for
// a longer one.
func (s *keyState) channelKey(channel string) [32]byte {
	var buf [256]byte
	b := append(buf[:0], channel...)
	b = append(b, s.key[:]...)
	sum := sha256.Sum256(b)
	clear(b)
	return sum
}
