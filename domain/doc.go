// Package domain holds the Pusher Channels concepts and their rules, as the
// Channels HTTP API reference (https://pusher.com/docs/channels/library_auth_reference/rest-api/)
// and the auth signature reference define them: channel kinds, names and
// limits, socket ids, members and users, webhook payloads.
//
// It performs no I/O and reads no clock or random source, so every rule here
// is a pure function that tests can call directly.
package domain
