package fasthttp_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/go-pusher/channels/internal/fastpath"
	"github.com/go-pusher/channels/transport"
	fasthttpdoer "github.com/go-pusher/channels/transport/fasthttp"
)

// wireRecord is what a server saw of one request.
type wireRecord struct {
	method, target, body string
	contentLength        int64
	header               http.Header
}

// recordingServer records every request and answers 200 "ok".
func recordingServer(t *testing.T) (*httptest.Server, func() []wireRecord) {
	t.Helper()
	var mu sync.Mutex
	var seen []wireRecord
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		h := r.Header.Clone()
		h.Del("Accept-Encoding") // net/http's client would add it, fasthttp's does not
		mu.Lock()
		seen = append(seen, wireRecord{r.Method, r.RequestURI, string(body), r.ContentLength, h})
		mu.Unlock()
		_, _ = io.WriteString(w, "ok")
	}))
	t.Cleanup(s.Close)
	return s, func() []wireRecord {
		mu.Lock()
		defer mu.Unlock()
		out := seen
		seen = nil
		return out
	}
}

// TestPresetHeaderSendsWhatDoSends: requests of every kind sent one after
// another with one prepared Header (so they go out on requests copied from
// the same preset) reach the server exactly as the same requests sent
// through Do, which sets every field afresh: nothing of one request (its
// method, body, length or target) stays on the next.
func TestPresetHeaderSendsWhatDoSends(t *testing.T) {
	s, seen := recordingServer(t)
	d := fasthttpdoer.New()
	t.Cleanup(func() { _ = d.Close() })
	fields := http.Header{"User-Agent": {"preset-test/1"}, "X-Pusher-Library": {"preset 1"}, "Content-Type": {"application/json"}, "X-Multi": {"one", "two"}, "Accept": {"application/json"}}
	header := fastpath.NewHeader(fields)
	requests := []*transport.Request{
		{Method: http.MethodPost, URL: s.URL + "/apps/1/events?a=1", Body: []byte(`{"name":"e"}`)},
		{Method: http.MethodGet, URL: s.URL + "/apps/1/channels?b=2"},
		{Method: http.MethodPost, URL: s.URL + "/apps/1/batch_events", Body: []byte(`{"batch":[]}`)},
		{Method: http.MethodPost, URL: s.URL + "/apps/1/users/u/terminate_connections"},
		{Method: http.MethodGet, URL: s.URL + "/apps/1/channels/c"},
		{Method: http.MethodPost, URL: s.URL + "/apps/1/events", Body: bytes.Repeat([]byte("x"), 3000)},
	}
	var viaDo, viaPreset []wireRecord
	for _, cancellable := range []bool{false, true} {
		for _, req := range requests {
			req.Header = fields
			ctx, cancel := context.Background(), context.CancelFunc(func() {})
			if cancellable { // the call runs on a goroutine of its own
				ctx, cancel = context.WithTimeout(ctx, 10*time.Second)
			}
			if _, err := d.Do(ctx, req); err != nil {
				t.Fatalf("Do %s %s: %v", req.Method, req.URL, err)
			}
			viaDo = append(viaDo, seen()...)
			lent := new(transport.Response)
			if err := d.DoInto(ctx, req, header, time.Now().Add(10*time.Second), lent); err != nil {
				t.Fatalf("DoInto %s %s: %v", req.Method, req.URL, err)
			}
			cancel()
			if lent.StatusCode != http.StatusOK || string(lent.Body) != "ok" {
				t.Fatalf("DoInto %s %s: status %d, body %q", req.Method, req.URL, lent.StatusCode, lent.Body)
			}
			viaPreset = append(viaPreset, seen()...)
		}
	}
	if len(viaDo) != 2*len(requests) || len(viaPreset) != len(viaDo) {
		t.Fatalf("server saw %d requests through Do and %d through DoInto, want %d each", len(viaDo), len(viaPreset), 2*len(requests))
	}
	for i := range viaDo {
		if got, want := fmt.Sprintf("%+v", viaPreset[i]), fmt.Sprintf("%+v", viaDo[i]); got != want {
			t.Errorf("request %d through a preset:\n got %s\nwant %s (as Do sent it)", i, got, want)
		}
	}
}

// TestPresetHeaderPreparedByAnother: a Header another kind of adapter
// prepared first still sends its fields, set one by one.
func TestPresetHeaderPreparedByAnother(t *testing.T) {
	s, seen := recordingServer(t)
	d := fasthttpdoer.New()
	t.Cleanup(func() { _ = d.Close() })
	header := fastpath.NewHeader(http.Header{"User-Agent": {"other/1"}, "X-Extra": {"kept"}})
	if got := header.Prepared(func(http.Header) any { return "another adapter's" }); got != "another adapter's" {
		t.Fatalf("Prepared = %v", got)
	}
	req := &transport.Request{Method: http.MethodGet, URL: s.URL + "/x", Header: header.Fields()}
	if err := d.DoInto(context.Background(), req, header, time.Time{}, new(transport.Response)); err != nil {
		t.Fatal(err)
	}
	got := seen()
	if len(got) != 1 || got[0].header.Get("User-Agent") != "other/1" || got[0].header.Get("X-Extra") != "kept" {
		t.Errorf("server saw %+v, want one GET with User-Agent other/1 and X-Extra kept", got)
	}
}

// TestPresetHeaderOfOtherFields: a Header that is not req.Header prepared
// (as many fields or not: here one fewer, as a keyed call's header has one
// more than the client's prepared one) does not replace req.Header's
// fields: they go out as req.Header has them.
func TestPresetHeaderOfOtherFields(t *testing.T) {
	s, seen := recordingServer(t)
	d := fasthttpdoer.New()
	t.Cleanup(func() { _ = d.Close() })
	header := fastpath.NewHeader(http.Header{"User-Agent": {"client/1"}})
	req := &transport.Request{Method: http.MethodPost, URL: s.URL + "/events", Body: []byte("{}"),
		Header: http.Header{"User-Agent": {"client/1"}, "X-Idempotency-Key": {"k-1"}}}
	if err := d.DoInto(context.Background(), req, header, time.Time{}, new(transport.Response)); err != nil {
		t.Fatal(err)
	}
	got := seen()
	if len(got) != 1 || got[0].header.Get("X-Idempotency-Key") != "k-1" {
		t.Errorf("server saw %+v, want the request's own X-Idempotency-Key", got)
	}
}
