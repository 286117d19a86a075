// Package signcheck verifies signed Channels REST requests the way the
// service does (auth_version 1.0 of Pusher's "HTTP API reference"), for the
// test servers of this module: pushertest's fake, the fault servers and the
// load harness.
//
// It is written apart from package signing on purpose: a fake that checked
// signatures with the signer's own code would accept whatever that code
// gets wrong.
package signcheck
