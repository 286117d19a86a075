// Package signing computes and checks the HMAC-SHA256 signatures of the
// Pusher Channels HTTP API (auth_version 1.0, as in Pusher's "HTTP API
// reference"), the channel and user auth strings (Pusher's "Authentication
// and authorization signatures" reference) and webhook signatures.
//
// It uses the standard library and domain (for the credential rules) only
// and holds no package-level state.
package signing
