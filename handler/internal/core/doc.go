// Package core is the transport-free logic shared by the net/http and
// fasthttp handlers: it turns an auth request (pusher-js's channel
// authorization and user authentication) or a webhook delivery into a
// Reply, so each adapter only wraps its request and writes the Reply.
package core
