// Package crypto implements end-to-end encryption for Pusher Channels
// private-encrypted- channels, following the Channels end-to-end encryption
// specification (https://pusher.com/docs/channels/using_channels/encrypted-channels/)
// as the official server libraries and pusher-js implement it.
//
// A 32-byte master key, never sent anywhere, derives one key per channel:
// SHA-256(channel name ‖ master key). Event data is sealed with NaCl
// secretbox (XSalsa20-Poly1305) under a fresh 24-byte nonce and sent as the
// JSON envelope {"nonce":"…","ciphertext":"…"} in standard base64. The
// channel key, in standard base64, is the shared_secret of the channel's
// authorization response.
//
// A MasterKey is immutable once parsed, safe for concurrent use, and never
// prints its value.
package crypto
