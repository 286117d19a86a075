package pusher_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"syscall"
	"testing"

	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/transport"
)

// chainQuotes reports whether err or any error it wraps quotes s, in its
// text or, for a *url.Error, its URL.
func chainQuotes(err error, s string) bool {
	if err == nil {
		return false
	}
	if strings.Contains(err.Error(), s) || strings.Contains(fmt.Sprintf("%#v", err), s) {
		return true
	}
	if ue, ok := err.(*url.Error); ok && strings.Contains(ue.URL, s) {
		return true
	}
	if multi, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range multi.Unwrap() {
			if chainQuotes(e, s) {
				return true
			}
		}
		return false
	}
	return chainQuotes(errors.Unwrap(err), s)
}

// TestTransportErrorsLoseTheSignedQuery: whatever shape a transport's
// error takes (net/http's *url.Error, bare or wrapped, or a text quoting
// the URL), the client's error quotes no part of the signed query, and
// still matches its cause.
func TestTransportErrorsLoseTheSignedQuery(t *testing.T) {
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	shapes := map[string]func(url string) error{
		"url.Error":         func(u string) error { return &url.Error{Op: "Post", URL: u, Err: refused} },
		"wrapped url.Error": func(u string) error { return fmt.Errorf("mine: %w", &url.Error{Op: "Post", URL: u, Err: refused}) },
		"URL in the text":   func(u string) error { return fmt.Errorf("posting %s: %w", u, refused) },
	}
	for name, shape := range shapes {
		t.Run(name, func(t *testing.T) {
			var signature string
			d := transport.DoerFunc(func(_ context.Context, req *transport.Request) (*transport.Response, error) {
				q, _ := url.ParseQuery(req.URL[strings.IndexByte(req.URL, '?')+1:])
				signature = q.Get("auth_signature")
				return nil, shape(req.URL)
			})
			c, err := pusher.New("1", "key", "secret", pusher.WithTransport(d))
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.Trigger(context.Background(), "ch", "ev", "data")
			if signature == "" || err == nil {
				t.Fatalf("signature %q, error %v", signature, err)
			}
			if chainQuotes(err, signature) || chainQuotes(err, "auth_key=") {
				t.Errorf("the error quotes the signed query: %v", err)
			}
			if !errors.Is(err, syscall.ECONNREFUSED) {
				t.Errorf("the cause is lost: %v", err)
			}
			if !strings.Contains(err.Error(), "/apps/1/events") {
				t.Errorf("the path is lost: %v", err)
			}
		})
	}
}
