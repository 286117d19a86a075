package pusher

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
)

// TestWithoutURLCutsTheQuery proves a transport's *url.Error, bare or
// wrapped, keeps its cause but loses the signed query.
func TestWithoutURLCutsTheQuery(t *testing.T) {
	const signed = "http://127.0.0.1:1/apps/1/events?auth_key=k&auth_signature=deadbeef"
	bare := &url.Error{Op: "Post", URL: signed, Err: context.Canceled}
	for name, err := range map[string]error{
		"bare":    bare,
		"wrapped": fmt.Errorf("adapter: %w", bare),
	} {
		t.Run(name, func(t *testing.T) {
			got := withoutURL(err)
			for e := got; e != nil; e = errors.Unwrap(e) {
				if strings.Contains(e.Error(), "auth_signature") {
					t.Fatalf("%T still holds the query: %v", e, e)
				}
			}
			if !errors.Is(got, context.Canceled) {
				t.Errorf("cause lost: %v", got)
			}
			var ue *url.Error
			if !errors.As(got, &ue) || !strings.HasPrefix(ue.URL, "http://127.0.0.1:1/apps/1/events") {
				t.Errorf("url.Error not kept with its path: %v", got)
			}
		})
	}
}
