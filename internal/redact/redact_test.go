package redact

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"syscall"
	"testing"

	"github.com/go-pusher/channels/transport"
)

const signed = "http://127.0.0.1:1/apps/1/events?auth_key=k&auth_signature=deadbeef"

// holdsQuery reports whether err or anything in its chain quotes the query.
func holdsQuery(err error) bool {
	if err == nil {
		return false
	}
	if strings.Contains(err.Error(), "auth_signature") {
		return true
	}
	switch e := err.(type) {
	case interface{ Unwrap() []error }:
		for _, c := range e.Unwrap() {
			if holdsQuery(c) {
				return true
			}
		}
		return false
	case *url.Error:
		return strings.Contains(e.URL, "auth_signature") || holdsQuery(e.Err)
	}
	return holdsQuery(errors.Unwrap(err))
}

// unparsable is net/url's error for signed with control characters: the
// *url.Error quotes the URL with %q.
func unparsable() error {
	_, err := url.Parse(signed + "\x7f\x00")
	return fmt.Errorf("%w: URL does not parse: %w", transport.ErrInvalidRequest, err)
}

func TestErrorCutsTheQueryAndKeepsTheCauses(t *testing.T) {
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	bare := &url.Error{Op: "Post", URL: signed, Err: refused}
	for name, c := range map[string]struct {
		err  error
		keep []error
	}{
		"url.Error":                  {bare, []error{syscall.ECONNREFUSED}},
		"wrapped url.Error":          {fmt.Errorf("adapter: %w: %w", transport.ErrBodyTooLarge, bare), []error{syscall.ECONNREFUSED, transport.ErrBodyTooLarge}},
		"query in the text":          {fmt.Errorf("posting %s: %w", signed, context.Canceled), []error{context.Canceled}},
		"bare query in the text":     {fmt.Errorf("bad query %s: %w", signed[strings.IndexByte(signed, '?')+1:], transport.ErrInvalidRequest), []error{transport.ErrInvalidRequest}},
		"query in a dial error text": {fmt.Errorf("%s: %w", signed, refused), []error{syscall.ECONNREFUSED}},
		"unparsable URL":             {unparsable(), nil},
	} {
		t.Run(name, func(t *testing.T) {
			url := signed
			if name == "unparsable URL" {
				url += "\x7f\x00"
			}
			got := Error(c.err, url)
			if holdsQuery(got) {
				t.Fatalf("still holds the query: %v", got)
			}
			for _, want := range c.keep {
				if !errors.Is(got, want) {
					t.Errorf("lost %v: %v", want, got)
				}
			}
			if strings.Contains(c.err.Error(), "127.0.0.1:1") && !strings.Contains(got.Error(), "127.0.0.1:1/apps/1/events") {
				t.Errorf("lost the host: %v", got)
			}
		})
	}
	var ue *url.Error
	if !errors.As(Error(bare, signed), &ue) || ue.URL != "http://127.0.0.1:1/apps/1/events" {
		t.Errorf("url.Error not kept with its path")
	}
}

func TestErrorLeavesOtherErrorsAlone(t *testing.T) {
	err := errors.New("connection reset")
	if got := Error(err, signed); got != err {
		t.Errorf("rewrote %v into %v", err, got)
	}
	if Error(nil, signed) != nil {
		t.Error("nil became an error")
	}
}

func TestURL(t *testing.T) {
	for in, want := range map[string]string{
		signed:                          "http://127.0.0.1:1/apps/1/events",
		"https://u:p@host:443/a?b#c":    "https://host:443/a",
		"http://host#frag":              "http://host",
		"not a url ?auth_signature=abc": "not a url ",
	} {
		if got := URL(in); got != want {
			t.Errorf("URL(%q) = %q, want %q", in, got, want)
		}
	}
}
