package main

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/coder/websocket"
	"github.com/go-pusher/channels/crypto"
	"github.com/go-pusher/channels/pusher"
)

// Reconnection backoff bounds.
const (
	minBackoff = 500 * time.Millisecond
	maxBackoff = 30 * time.Second
)

// listener keeps a WebSocket connection subscribed to channels, printing
// their events, reconnecting when the connection drops.
type listener struct {
	app       *app
	client    *pusher.Client
	masterKey *crypto.MasterKey
	url       string
	channels  []string
	member    pusher.Member
}

// fatalError ends listen without reconnecting: the server refused the
// connection for good (a pusher:error code in 4000-4099).
type fatalError struct{ err error }

func (e *fatalError) Error() string { return e.err.Error() }
func (e *fatalError) Unwrap() error { return e.err }

// run connects and reconnects until ctx ends (nil) or a fatal error.
func (l *listener) run(ctx context.Context) error {
	failures := 0
	for {
		established, err := l.session(ctx)
		if ctx.Err() != nil {
			return nil
		}
		var fatal *fatalError
		if errors.As(err, &fatal) {
			return &exitError{code: exitFailure, err: fatal}
		}
		if established {
			failures = 0
		}
		wait := backoff(failures)
		failures++
		fmt.Fprintf(l.app.stderr, "pusher: connection lost (%s); reconnecting in %s\n", l.app.redact(oneLine(err)), wait.Round(time.Millisecond))
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(wait):
		}
	}
}

// backoff is the wait before reconnection attempt n+1: doubling from
// minBackoff to maxBackoff, drawn between half and all of it.
func backoff(n int) time.Duration {
	d := maxBackoff
	if n < 16 {
		d = min(minBackoff<<n, maxBackoff)
	}
	return d/2 + rand.N(d/2+1)
}

// session runs one connection until it fails or ctx ends; established
// says whether the server accepted it.
func (l *listener) session(ctx context.Context) (established bool, err error) {
	dialCtx, cancel := context.WithTimeout(ctx, 15*time.Second)
	conn, _, err := websocket.Dial(dialCtx, l.url, nil)
	cancel()
	if err != nil {
		return false, fmt.Errorf("connecting: %w", err)
	}
	defer conn.CloseNow()
	conn.SetReadLimit(1 << 20)

	s := &socket{listener: l, conn: conn, frames: make(chan frame)}
	readerDone := make(chan struct{})
	readCtx, stopReading := context.WithCancel(context.Background())
	go func() {
		defer close(readerDone)
		s.readFrames(readCtx)
	}()
	defer func() {
		stopReading()
		conn.CloseNow()
		<-readerDone
	}()
	err = s.serve(ctx)
	if ctx.Err() != nil {
		_ = conn.Close(websocket.StatusNormalClosure, "")
		return s.socketID != "", nil
	}
	return s.socketID != "", err
}
