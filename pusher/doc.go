// Package pusher is a client for the Pusher Channels HTTP API
// (https://pusher.com/docs/channels/library_auth_reference/rest-api/): it
// triggers events, queries channels and users, terminates user connections,
// signs channel authorizations and user sign-ins, verifies webhooks and
// encrypts private-encrypted- channels end to end.
//
// A Client is built once with New, FromURL or FromEnv and is safe for
// concurrent use. Every network call takes a context first; every HTTP
// exchange goes through one transport.Doer, net/http by default.
//
// # End-to-end encryption
//
// With WithEncryptionMasterKeyBase64, events on private-encrypted- channels
// are sealed before they leave the process (Pusher's end-to-end encryption
// spec). The plaintext is what a plain channel would carry: string, []byte
// and json.RawMessage data as it is, other values JSON-encoded. pusher-js
// decrypts it, then JSON-parses it or falls back to the raw string, exactly
// as it treats a plain channel's data, so subscribers see the same value
// whether or not the channel is encrypted.
package pusher
