package faults

import (
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Respond answers with status, body and the header pairs given as
// name, value, name, value...; a body starting with '{' is sent as
// application/json.
func Respond(status int, body string, header ...string) Behaviour {
	return func(_ *Server, w http.ResponseWriter, _ *http.Request, _ int) {
		if strings.HasPrefix(body, "{") {
			w.Header().Set("Content-Type", "application/json")
		}
		for i := 0; i+1 < len(header); i += 2 {
			w.Header().Set(header[i], header[i+1])
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}
}

// Sequence answers the n-th request with bs[n-1], and every request after
// the last with the last behaviour.
func Sequence(bs ...Behaviour) Behaviour {
	return func(s *Server, w http.ResponseWriter, r *http.Request, n int) {
		bs[min(n, len(bs))-1](s, w, r, n)
	}
}

// Reset writes part of a status line and headers, then aborts the
// connection with a TCP RST.
func Reset() Behaviour {
	return func(_ *Server, w http.ResponseWriter, _ *http.Request, _ int) {
		conn, buf, err := http.NewResponseController(w).Hijack()
		if err != nil {
			return
		}
		_, _ = buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: applica")
		_ = buf.Flush()
		if tc, ok := conn.(*net.TCPConn); ok {
			_ = tc.SetLinger(0)
		}
		_ = conn.Close()
	}
}

// NotHTTP answers with bytes that are not an HTTP response, then closes the
// connection.
func NotHTTP() Behaviour {
	return func(_ *Server, w http.ResponseWriter, _ *http.Request, _ int) {
		conn, buf, err := http.NewResponseController(w).Hijack()
		if err != nil {
			return
		}
		_, _ = buf.WriteString("SSH-2.0-OpenSSH_9.6\r\n\r\n")
		_ = buf.Flush()
		_ = conn.Close()
	}
}

// Hang never answers: it holds the request until the client goes away or
// the server closes.
func Hang() Behaviour {
	return func(s *Server, _ http.ResponseWriter, r *http.Request, _ int) { s.hold(r) }
}

// Trickle answers 200 with a Content-Length for body, then sends body one
// byte every interval.
func Trickle(body string, every time.Duration) Behaviour {
	return func(s *Server, w http.ResponseWriter, r *http.Request, _ int) {
		rc := http.NewResponseController(w)
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(http.StatusOK)
		_ = rc.Flush()
		t := time.NewTicker(every)
		defer t.Stop()
		for i := 0; i < len(body); i++ {
			select {
			case <-r.Context().Done():
				return
			case <-s.release:
				return
			case <-t.C:
			}
			if _, err := io.WriteString(w, body[i:i+1]); err != nil {
				return
			}
			if rc.Flush() != nil {
				return
			}
		}
	}
}

// Oversized answers 200 with n bytes of JSON-looking filler, with a
// Content-Length unless chunked.
func Oversized(n int, chunked bool) Behaviour {
	return func(_ *Server, w http.ResponseWriter, _ *http.Request, _ int) {
		w.Header().Set("Content-Type", "application/json")
		if !chunked {
			w.Header().Set("Content-Length", strconv.Itoa(n))
		}
		w.WriteHeader(http.StatusOK)
		chunk := strings.Repeat("x", 4096)
		for left := n; left > 0; left -= len(chunk) {
			k := min(left, len(chunk))
			if _, err := io.WriteString(w, chunk[:k]); err != nil {
				return
			}
			if chunked {
				_ = http.NewResponseController(w).Flush()
			}
		}
	}
}

// Redirect answers with status (a 3xx) and a Location pointing to the
// server's RedirectTarget.
func Redirect(status int) Behaviour {
	return func(s *Server, w http.ResponseWriter, _ *http.Request, _ int) {
		w.Header().Set("Location", s.URL()+RedirectTarget)
		w.WriteHeader(status)
	}
}

// Echo answers with status and a body quoting the request line, signed
// query included, as some servers do in their error pages.
func Echo(status int) Behaviour {
	return func(_ *Server, w http.ResponseWriter, r *http.Request, _ int) {
		w.WriteHeader(status)
		_, _ = io.WriteString(w, "cannot serve "+r.Method+" "+r.RequestURI)
	}
}

// EchoAcross is Echo with the quote pushed back by padding so that the
// first cut bytes of the body end keep hex digits into the auth_signature
// value: a client that keeps only the start of an error body and then
// redacts whole signatures would keep a piece of one.
func EchoAcross(status, cut, keep int) Behaviour {
	return func(_ *Server, w http.ResponseWriter, r *http.Request, _ int) {
		quote := "cannot serve " + r.Method + " " + r.RequestURI
		const param = "auth_signature="
		i := strings.Index(quote, param)
		pad := cut - (i + len(param) + keep)
		if i < 0 || pad < 0 {
			pad = 0
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, strings.Repeat("-", pad)+quote)
	}
}
