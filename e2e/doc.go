// Package e2e holds the end-to-end suite of this module: the client, its
// three transports and the auth and webhook handlers against a real
// Pusher-protocol server (soketi 1.6.1) and the official client (pusher-js
// 8.6.0), both started by internal/interop on 127.0.0.1.
//
// The tests carry the e2e build tag; run them with
//
//	npm ci --prefix interop
//	go test -race -tags e2e ./e2e/
//
// Without the tag this package is empty. README.md lists what is covered.
package e2e
