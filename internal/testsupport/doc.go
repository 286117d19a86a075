// Package testsupport provides an in-process fake of the Pusher Channels
// HTTP API (Pusher's "HTTP API reference") for tests and runnable examples.
//
// The fake listens on 127.0.0.1, verifies every request's signature with
// signing.VerifyRequest exactly as the service does, applies the service's
// documented limits and answers with the documented response shapes. It
// records every request and every accepted event, and lets a test set up
// channel occupancy. It is for tests only.
package testsupport
