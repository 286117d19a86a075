// Package load is the load harness behind cmd/loadharness: a fasthttp
// server on 127.0.0.1 that checks every request's Pusher signature
// (HTTP API auth_version 1.0) without allocating, the clients under test
// (the SDK on each transport, the Publisher, and hand-signed raw
// clients), and the steady producers that drive them while measuring
// throughput, client and server CPU, allocations and delivery latency.
package load
