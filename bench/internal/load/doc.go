// Package load is the load harness behind cmd/loadharness: a fasthttp
// server on 127.0.0.1 that checks every request's Pusher signature
// (HTTP API auth_version 1.0) and counts connections, the clients under
// test (the SDK on each transport, and hand-signed raw clients), and the
// scenarios that drive them while measuring throughput, client CPU and
// allocations.
package load
