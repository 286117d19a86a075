// Package pushertest runs a fake Pusher Channels HTTP API for tests, in the
// manner of net/http/httptest: NewServer starts it on 127.0.0.1 and
// Server.Client builds a *pusher.Client pointed at it.
//
// The fake answers as the service does (Pusher's "HTTP API reference"): it
// verifies every request's signature and timestamp and answers 401 with the
// string it expected signed; it applies the service's limits (400 for a
// batch of more than 10 events, more than 100 channels or a bad name, 413
// for data over 10 KiB) and answers 404 for unknown paths. What it accepts
// it records (Server.Events, Server.Requests); channel occupancy and
// presence members are set up with Server.Subscribe, and answer Channels,
// Channel, Users and TerminateUserConnections. Server.QueueResponse injects
// failures, WithLatency slows every answer, and NewWebhookRequest and
// SignWebhook build webhooks signed as the service signs them, for testing
// webhook receivers.
//
// Everything on a Server is safe for concurrent use.
package pushertest
