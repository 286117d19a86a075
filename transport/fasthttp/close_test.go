package fasthttp_test

import (
	"context"
	"errors"
	"net"
	"strings"
	"sync"
	"testing"

	"go.uber.org/goleak"

	"github.com/go-pusher/channels/pusher"
	fasthttpdoer "github.com/go-pusher/channels/transport/fasthttp"
)

// silentServer accepts connections and reads from them but never answers,
// until the test ends; it says on arrived when a request has come in.
func silentServer(t *testing.T) (addr string, arrived <-chan struct{}) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan struct{}, 16)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var conns []net.Conn
	wg.Go(func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, conn)
			mu.Unlock()
			wg.Go(func() {
				buf := make([]byte, 4096)
				for {
					if _, err := conn.Read(buf); err != nil {
						return
					}
					got <- struct{}{}
				}
			})
		}
	})
	t.Cleanup(func() {
		_ = ln.Close()
		mu.Lock()
		for _, c := range conns {
			_ = c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	return ln.Addr().String(), got
}

// TestCloseEndsCancelledCalls: a trigger on a ctx without a deadline,
// through a client without a timeout (WithTimeout(0)), returns as soon as
// ctx is cancelled; fasthttp cannot abort the call still waiting for the
// silent server, and Close ends it, leaving no goroutine behind, long
// before the adapter's own 30 s timeout.
func TestCloseEndsCancelledCalls(t *testing.T) {
	addr, arrived := silentServer(t)
	ignore := append(goroutinesFasthttpKeeps, goleak.IgnoreCurrent())
	d := fasthttpdoer.New()
	c, err := pusher.New("1", "key", "secret", pusher.WithTransport(d), pusher.WithHost(addr), pusher.WithTLS(false), pusher.WithTimeout(0))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() {
		_, err := c.Trigger(ctx, "my-channel", "my-event", "hello")
		errc <- err
	}()
	<-arrived
	cancel()
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	goleak.VerifyNone(t, ignore...)

	_, err = c.Trigger(context.Background(), "my-channel", "my-event", "hello")
	if err == nil || !strings.Contains(err.Error(), "closed") {
		t.Errorf("a trigger after Close: %v, want an error saying the Doer is closed", err)
	}
}

// TestCloseOnAnUnbuiltDoer: Close on a Doer New did not build does
// nothing and returns nil.
func TestCloseOnAnUnbuiltDoer(t *testing.T) {
	var zero fasthttpdoer.Doer
	if zero.Close() != nil || (*fasthttpdoer.Doer)(nil).Close() != nil {
		t.Error("Close on a Doer New did not build returned an error")
	}
}
