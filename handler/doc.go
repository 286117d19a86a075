// Package handler provides net/http handlers for the three requests a
// Pusher Channels app serves: pusher-js's channel authorization and user
// authentication requests (https://pusher.com/docs/channels/server_api/authorizing-users/,
// https://pusher.com/docs/channels/server_api/authenticating-users/) and
// webhook deliveries (https://pusher.com/docs/channels/server_api/webhooks/).
//
// Each handler accepts only POST, caps the body, asks an app callback for
// the decision and answers with the JSON pusher-js expects. Refusals and
// failures are answered with a short plain-text body that never quotes the
// request or a secret; a callback that panics is answered 500 and logged.
// Every answer is listed once, in the README
// (https://github.com/go-pusher/channels#what-the-endpoints-answer).
// Package handler/fasthttp serves the same requests on fasthttp with the
// same decisions and options.
package handler
