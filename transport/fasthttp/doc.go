// Package fasthttp is a transport.Doer on github.com/valyala/fasthttp, for
// programs that send many triggers and want fasthttp's allocation profile.
// It keeps the contract of package transport: path normalisation and
// fasthttp's idempotent retries off, no redirects followed, 4xx/5xx returned
// as responses, bodies capped and copied out of fasthttp's pooled buffers,
// the signed URL sent byte for byte, ctx honoured. Like net/http's default
// transport, the client New builds dials through the proxy the environment
// names (HTTP_PROXY, HTTPS_PROXY, NO_PROXY).
//
// A pusher.Client calls it through DoInto, lending it pooled Responses,
// passing its timeout as a deadline and its constant header fields
// prepared once, so that a call on a ctx that cannot be cancelled runs on
// the caller's goroutine, allocates next to nothing and copies the fields
// onto the request in one go.
package fasthttp
