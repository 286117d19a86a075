// Command pusher operates a Pusher Channels app from the shell: trigger
// events, query channels and presence users, sign authorizations, verify
// and sign webhooks, listen on channels over WebSocket, and run a local fake
// server or auth endpoints. It reads the app from PUSHER_URL
// (https://key:secret@api-eu.pusher.com/apps/123) or --url.
//
// Exit status: 0 on success, 1 when a call failed, 2 on a usage error.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
