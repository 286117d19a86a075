package fasthttp

import (
	"bufio"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/valyala/fasthttp"
)

// responseHeader parses raw (a status line and fields) as fasthttp does.
func responseHeader(t *testing.T, raw string) *fasthttp.ResponseHeader {
	t.Helper()
	var h fasthttp.ResponseHeader
	h.SetNoDefaultContentType(true)
	if err := h.Read(bufio.NewReader(strings.NewReader(raw + "\r\n"))); err != nil {
		t.Fatal(err)
	}
	return &h
}

func TestReuseHeader(t *testing.T) {
	cases := []struct {
		name string
		dst  http.Header
		raw  string
		want http.Header
	}{
		{"nil: new map", nil,
			"HTTP/1.1 200 OK\r\nX-A: 1\r\nContent-Length: 2\r\n",
			http.Header{"X-A": {"1"}, "Content-Length": {"2"}}},
		{"same fields: kept", http.Header{"X-A": {"1"}, "Content-Length": {"2"}},
			"HTTP/1.1 200 OK\r\nX-A: 1\r\nContent-Length: 2\r\n",
			http.Header{"X-A": {"1"}, "Content-Length": {"2"}}},
		{"changed value", http.Header{"X-A": {"1"}, "Content-Length": {"2"}},
			"HTTP/1.1 200 OK\r\nX-A: 2\r\nContent-Length: 2\r\n",
			http.Header{"X-A": {"2"}, "Content-Length": {"2"}}},
		{"field gone", http.Header{"X-A": {"1"}, "X-Gone": {"g"}, "Content-Length": {"2"}},
			"HTTP/1.1 200 OK\r\nX-A: 1\r\nContent-Length: 2\r\n",
			http.Header{"X-A": {"1"}, "Content-Length": {"2"}}},
		// As many fields as dst has names, each matching one of dst's,
		// but one name twice and dst's X-Gone not among them.
		{"repeated name, same count", http.Header{"X-A": {"1"}, "X-Gone": {"g"}, "Content-Length": {"2"}},
			"HTTP/1.1 200 OK\r\nX-A: 1\r\nX-A: 1\r\nContent-Length: 2\r\n",
			http.Header{"X-A": {"1", "1"}, "Content-Length": {"2"}}},
		{"none", http.Header{"X-A": {"1"}},
			"HTTP/1.1 204 No Content\r\n",
			http.Header{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := reuseHeader(c.dst, responseHeader(t, c.raw))
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("reuseHeader = %v, want %v", got, c.want)
			}
		})
	}
}

// TestReuseHeaderSameAnswerAllocatesNothing: a pooled Response meeting the
// answer it already holds costs no allocation.
func TestReuseHeaderSameAnswerAllocatesNothing(t *testing.T) {
	h := responseHeader(t, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nDate: Fri, 27 Nov 2026 12:00:00 GMT\r\n")
	dst := reuseHeader(nil, h)
	if n := testing.AllocsPerRun(100, func() { dst = reuseHeader(dst, h) }); n != 0 {
		t.Errorf("%v allocations reusing a header that already matches, want 0", n)
	}
}
