package signing

import "encoding/hex"

// ChannelAuth returns the auth string authorizing socketID to subscribe to
// a private channel: "key:hex(HMAC-SHA256(secret, socket_id:channel))".
// It, PresenceAuth and UserAuth return "" when s cannot sign (see
// NewSigner).
func (s *Signer) ChannelAuth(socketID, channel string) string {
	return s.authString(socketID, ":", channel, "", "")
}

// PresenceAuth returns the auth string for a presence channel, signing
// "socket_id:channel:channel_data"; channelData is the exact JSON string
// that is sent alongside it.
func (s *Signer) PresenceAuth(socketID, channel, channelData string) string {
	return s.authString(socketID, ":", channel, ":", channelData)
}

// UserAuth returns the auth string for user authentication (signin),
// signing "socket_id::user::user_data"; userData is the exact JSON string
// that is sent alongside it.
func (s *Signer) UserAuth(socketID, userData string) string {
	return s.authString(socketID, "::user::", userData, "", "")
}

// authString signs the concatenation a+b+c+d+e and formats "key:hexsig";
// "" when s cannot sign.
func (s *Signer) authString(a, b, c, d, e string) string {
	if !s.usable() {
		return ""
	}
	n := len(a) + len(b) + len(c) + len(d) + len(e)
	buf := make([]byte, 0, n+sha256Size)
	buf = append(buf, a...)
	buf = append(buf, b...)
	buf = append(buf, c...)
	buf = append(buf, d...)
	buf = append(buf, e...)
	sum := s.mac(buf[n:], buf)

	out := make([]byte, 0, len(s.key)+1+2*sha256Size)
	out = append(out, s.key...)
	out = append(out, ':')
	out = hex.AppendEncode(out, sum)
	return string(out)
}
