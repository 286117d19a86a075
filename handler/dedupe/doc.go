// Package dedupe lets webhook receivers call their callback at most once
// per delivery, across every instance that shares a Store.
//
// The Channels service delivers a webhook again when it gets no 2xx
// answer (https://pusher.com/docs/channels/server_api/webhooks/), so a
// receiver whose answer was lost, or that runs behind a load balancer,
// sees the same delivery twice, often on another instance. With
// handler.WithDeduplication a receiver claims each authentic delivery in
// the Store before calling its callback, marks it done only after the
// callback succeeded, and releases the claim when it failed, so that the
// service's retry is processed. A copy that arrives while another instance
// holds the claim is answered 409, and the service retries it later.
//
// Memory is a Store for a single instance; package redisdedupe holds one
// for many instances sharing a Redis server.
package dedupe
