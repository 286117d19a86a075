// Package nethttp is the default transport.Doer, built on net/http from the
// standard library. It keeps the contract of package transport: no
// redirects followed, 4xx/5xx returned as responses, bodies read whole under
// a cap, the signed URL sent byte for byte, ctx honoured, connections pooled.
package nethttp
