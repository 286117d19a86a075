// Package resty is a transport.Doer on github.com/go-resty/resty/v2, for
// programs that already configure a resty client (middleware, hooks,
// proxy). It keeps the contract of package transport: resty's retries and
// redirects off, 4xx/5xx returned as responses, bodies read whole under a
// cap, the signed URL sent byte for byte, ctx honoured.
package resty
