// Package interop runs a real Pusher-protocol server (soketi) and the
// official pusher-js client as child processes, for end-to-end tests of
// this module against the Pusher Channels protocol as those programs speak it.
//
// The Node side lives in interop/ at the repository root and is installed
// with `npm ci --prefix interop`. Every process binds 127.0.0.1 only, runs
// in its own process group and is killed by t.Cleanup; each also exits on
// its own when its standard input closes, so a test binary that dies leaves
// nothing running.
package interop
