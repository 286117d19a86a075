// Package faults is the fault-injection suite of the Pusher client: a
// misbehaving HTTP/1.1 server on 127.0.0.1 (this package) and tests that
// drive pusher.Client through every transport adapter against it, check
// that each fault ends in a typed error or a correct result, and that no
// error, log line or printed value ever holds a secret. It follows the
// transport contract of package transport and the Channels HTTP API's
// signing rules (auth_version 1.0). It is for tests only.
package faults
