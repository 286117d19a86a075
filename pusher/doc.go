// Package pusher is a client for the Pusher Channels HTTP API
// (https://pusher.com/docs/channels/library_auth_reference/rest-api/): it
// triggers events, queries channels and users, terminates user connections,
// signs channel authorizations and user sign-ins, verifies webhooks and
// encrypts private-encrypted- channels end to end.
//
// A Client is built once with New, FromURL or FromEnv and is safe for
// concurrent use. Every network call takes a context first; every HTTP
// exchange goes through one transport.Doer, net/http by default.
package pusher
