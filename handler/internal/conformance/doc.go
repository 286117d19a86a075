// Package conformance is the test suite both handler adapters (net/http and
// fasthttp) must pass: the same requests must get the same answers. It is
// imported by tests only.
package conformance
