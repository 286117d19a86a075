// Package fasthttphandler serves pusher-js's channel authorization and user
// authentication requests and Pusher Channels webhook deliveries on
// fasthttp servers (https://pusher.com/docs/channels/server_api/authorizing-users/,
// https://pusher.com/docs/channels/server_api/authenticating-users/,
// https://pusher.com/docs/channels/server_api/webhooks/).
//
// It makes exactly the decisions of package handler, whose request types,
// refusal errors (handler.ErrDenied, handler.ErrUnauthenticated) and
// options it shares; only the callbacks receive a *fasthttp.RequestCtx
// instead of an *http.Request. A callback that panics is answered 500 and
// logged, not left to crash the process (fasthttp does not recover).
//
// fasthttp.Server refuses bodies over its own MaxRequestBodySize (4 MiB by
// default) before any handler runs; with Server.StreamRequestBody the
// handlers read a streamed body no further than their cap.
package fasthttphandler
