package pusher

import (
	"context"
	"net/http"
	"testing"

	"github.com/go-pusher/channels/transport"
)

// TestPutScratchClearsWhatACallLeft: a scratch going back to the pool keeps
// no Request and no answer's Header, keeps the capacity of small buffers
// and lets go of buffers that grew past maxPooled.
func TestPutScratchClearsWhatACallLeft(t *testing.T) {
	c, err := New("1", "key", "secret")
	if err != nil {
		t.Fatal(err)
	}
	small := &callScratch{
		body: make([]byte, 10, 100),
		url:  make([]byte, 10, 100),
		req:  transport.Request{Method: http.MethodPost, URL: "http://h/apps/1/events?auth_signature=s", Body: []byte("{}")},
		resp: transport.Response{StatusCode: 200, Header: http.Header{"A": {"b"}}, Body: make([]byte, 2, 100)},
	}
	c.putScratch(small)
	if r := small.req; r.Method != "" || r.URL != "" || r.Header != nil || r.Body != nil || small.resp.Header != nil {
		t.Errorf("put back holding Request %+v, Header %v", small.req, small.resp.Header)
	}
	if cap(small.body) != 100 || cap(small.url) != 100 || cap(small.resp.Body) != 100 {
		t.Errorf("small buffers not kept: caps %d %d %d", cap(small.body), cap(small.url), cap(small.resp.Body))
	}
	large := &callScratch{
		body: make([]byte, 0, maxPooled+1),
		url:  make([]byte, 0, maxPooled+1),
		resp: transport.Response{Body: make([]byte, 0, maxPooled+1)},
	}
	c.putScratch(large)
	if large.body != nil || large.url != nil || large.resp.Body != nil {
		t.Error("buffers past maxPooled kept in the pool")
	}
}

// TestDoerKeepingTheRequestSeesItCleared: a Doer that keeps the Request
// it was handed, against the transport contract, finds it empty once the
// call has returned, not holding the signed URL or body of this call or
// of a later one.
func TestDoerKeepingTheRequestSeesItCleared(t *testing.T) {
	var kept []*transport.Request
	d := transport.DoerFunc(func(_ context.Context, req *transport.Request) (*transport.Response, error) {
		kept = append(kept, req)
		return &transport.Response{StatusCode: http.StatusOK, Body: []byte("{}")}, nil
	})
	c, err := New("1", "key", "secret", WithTransport(d))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := c.Trigger(ctx, "first", "e", "one"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.TriggerBatch(ctx, []Event{{Channel: "second", Name: "e", Data: "two"}}); err != nil {
		t.Fatal(err)
	}
	for i, req := range kept {
		if req.Method != "" || req.URL != "" || req.Header != nil || req.Body != nil {
			t.Errorf("request %d kept past its call: %+v", i, *req)
		}
	}
}
