package fastpath_test

import (
	"net/http"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/go-pusher/channels/internal/fastpath"
)

// TestHeaderPreparedOnce: every use after the first gets what the first
// prepared, without calling prepare again, and concurrent first uses all
// get one and the same value.
func TestHeaderPreparedOnce(t *testing.T) {
	fields := http.Header{"User-Agent": {"x"}}
	h := fastpath.NewHeader(fields)
	if got := h.Fields(); got["User-Agent"][0] != "x" || len(got) != 1 {
		t.Fatalf("Fields = %v", got)
	}
	var calls atomic.Int32
	prepare := func(f http.Header) any {
		calls.Add(1)
		return &struct{ ua string }{f.Get("User-Agent")}
	}
	var wg sync.WaitGroup
	got := make([]any, 16)
	for i := range got {
		wg.Go(func() { got[i] = h.Prepared(prepare) })
	}
	wg.Wait()
	for i := range got {
		if got[i] != got[0] {
			t.Fatalf("use %d got %p, use 0 got %p: not the same value", i, got[i], got[0])
		}
	}
	n := calls.Load()
	if again := h.Prepared(prepare); again != got[0] || calls.Load() != n {
		t.Errorf("a later use prepared again (%d calls, then %d) or got another value", n, calls.Load())
	}
}

// TestNilHeader: a nil Header has no fields and prepares nothing.
func TestNilHeader(t *testing.T) {
	var h *fastpath.Header
	if h.Fields() != nil {
		t.Error("Fields of a nil Header is not nil")
	}
	if got := h.Prepared(func(http.Header) any { t.Error("prepare called for a nil Header"); return 1 }); got != nil {
		t.Errorf("Prepared of a nil Header = %v", got)
	}
}
