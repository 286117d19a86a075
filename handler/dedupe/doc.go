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
// What it guarantees, per delivery, among receivers sharing a Store:
//
//   - At most one run at a time. While the callback runs, its receiver
//     renews the claim (Store.Extend) every third of the lease. If the
//     claim is found lost, or no renewal succeeds before it could lapse
//     (the store unreachable that long), the callback's context is
//     cancelled with cause ErrClaimLost before another receiver can claim
//     the delivery: a callback that stops when its context is done never
//     runs beside a copy of itself.
//   - At most once once done. After a callback succeeded and its done mark
//     was written, copies are answered 200 without running, for the
//     store's keep time (and, for Memory, unless MaxEntries forced the mark
//     out).
//
// A receiver that dies mid-callback holds its delivery until the lease
// expires; the service's next retry then runs it. A callback that failed
// may run again: that is what the service's retries are for.
//
// Memory is a Store for a single instance; package redisdedupe holds one
// for many instances sharing a Redis server.
package dedupe
