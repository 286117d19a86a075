package exchange

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/go-pusher/channels/transport"
)

// rawServer answers every request with the bytes of answer, then closes
// the connection, so a test can send what net/http's server would not.
func rawServer(t *testing.T, answer string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	t.Cleanup(func() { _ = ln.Close(); <-done })
	go func() {
		defer close(done)
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			_, _ = http.ReadRequest(bufio.NewReader(conn))
			_, _ = io.WriteString(conn, answer)
			_ = conn.Close()
		}
	}()
	return "http://" + ln.Addr().String()
}

// readBodyOf is ReadBody on the answer to method url.
func readBodyOf(t *testing.T, method, url string, limit int) ([]byte, error) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := (&http.Client{Transport: &http.Transport{DisableKeepAlives: true}}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	return ReadBody(resp, limit)
}

func TestReadBody(t *testing.T) {
	cases := []struct {
		name, method, answer string
		limit                int
		want                 string
		wantErr              error // nil: no error; errAny: any error
	}{
		{"known length", "GET", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", 5, "hello", nil},
		{"known length over the cap", "GET", "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nhello!", 5, "", transport.ErrBodyTooLarge},
		{"cut short", "GET", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello", 100, "", errAny},
		{"empty", "GET", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", 100, "", nil},
		{"HEAD with a length", "HEAD", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n", 100, "", nil},
		{"304 with a length", "GET", "HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n", 100, "", nil},
		{"chunked", "GET", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", 5, "hello", nil},
		{"chunked over the cap", "GET", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nhello!\r\n0\r\n\r\n", 5, "", transport.ErrBodyTooLarge},
		{"until close", "GET", "HTTP/1.1 200 OK\r\n\r\nhello", 5, "hello", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			url := rawServer(t, c.answer)
			body, err := readBodyOf(t, c.method, url, c.limit)
			switch {
			case c.wantErr == nil && err != nil:
				t.Fatalf("error %v", err)
			case c.wantErr == errAny && err == nil, c.wantErr != nil && c.wantErr != errAny && !errors.Is(err, c.wantErr):
				t.Fatalf("error %v, want %v", err, c.wantErr)
			case c.wantErr == nil && string(body) != c.want:
				t.Fatalf("body %q, want %q", body, c.want)
			}
			if c.wantErr == nil && len(body) > 0 && cap(body) != len(body) && !strings.Contains(c.answer, "chunked") && !strings.HasSuffix(c.name, "close") {
				t.Errorf("body of known length has cap %d for length %d", cap(body), len(body))
			}

		})
	}
}

var errAny = errors.New("any error")
