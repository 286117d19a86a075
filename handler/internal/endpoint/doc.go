// Package endpoint is the transport-free logic shared by the net/http and
// fasthttp handlers: it turns an auth request (pusher-js's channel
// authorization and user authentication requests) or a webhook delivery
// into a status and a body, so each adapter only reads the request and
// writes the Reply.
package endpoint
