// Package redact keeps signed queries out of error messages: the one
// place where a transport's error, whatever its shape, loses the URL it
// was sent to. The adapters use it on every error they return, and
// pusher.Client on every error any transport returns to it.
package redact

import (
	"context"
	"errors"
	"net"
	"net/url"
	"strconv"
	"strings"

	"github.com/go-pusher/channels/transport"
)

// URL returns raw without its query, fragment and user info.
func URL(raw string) string {
	if i := strings.IndexAny(raw, "?#"); i >= 0 {
		raw = raw[:i]
	}
	if scheme, rest, ok := strings.Cut(raw, "://"); ok {
		host, path := rest, ""
		if j := strings.IndexByte(rest, '/'); j >= 0 {
			host, path = rest[:j], rest[j:]
		}
		if k := strings.LastIndexByte(host, '@'); k >= 0 {
			host = host[k+1:]
		}
		raw = scheme + "://" + host + path
	}
	return raw
}

// Error returns err with no trace of signedURL's query: err itself when
// neither its text holds the query nor its chain a *url.Error (net/http's,
// whose text quotes the whole URL); else an error whose text is err's with
// the URL cut by URL, which wraps a copy of the *url.Error with its URL
// cut (its cause kept, so connection errors still match) and whichever of
// the context's and package transport's errors err matched.
func Error(err error, signedURL string) error {
	if err == nil {
		return nil
	}
	_, query, _ := strings.Cut(signedURL, "?")
	var ue *url.Error
	hasURLError := errors.As(err, &ue)
	text := err.Error()
	if !hasURLError && (query == "" || !strings.Contains(text, query)) {
		return err
	}
	var causes []error
	if hasURLError {
		text = replace(text, ue.URL, URL(ue.URL))
		causes = append(causes, &url.Error{Op: ue.Op, URL: URL(ue.URL), Err: ue.Err})
	} else if opErr := (*net.OpError)(nil); errors.As(err, &opErr) {
		causes = append(causes, opErr)
	}
	if query != "" {
		text = replace(text, signedURL, URL(signedURL))
		text = replace(text, query, "[redacted]")
	}
	for _, sentinel := range []error{context.Canceled, context.DeadlineExceeded, transport.ErrInvalidRequest, transport.ErrBodyTooLarge} {
		if errors.Is(err, sentinel) && (len(causes) == 0 || !errors.Is(causes[0], sentinel)) {
			causes = append(causes, sentinel)
		}
	}
	return &redacted{text: text, causes: causes}
}

// replace replaces old in text with repl, as it is and as %q writes it
// (net/url quotes the URL it cannot parse).
func replace(text, old, repl string) string {
	text = strings.ReplaceAll(text, old, repl)
	quoted := strconv.Quote(old)
	return strings.ReplaceAll(text, quoted[1:len(quoted)-1], repl)
}

// redacted is an error whose text no longer quotes a signed query.
type redacted struct {
	text   string
	causes []error
}

func (e *redacted) Error() string   { return e.text }
func (e *redacted) Unwrap() []error { return e.causes }
