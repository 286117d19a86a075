package fasthttp_test

import (
	"bufio"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/go-pusher/channels/transport"
	fasthttpdoer "github.com/go-pusher/channels/transport/fasthttp"
)

// connectProxy is an HTTP proxy on 127.0.0.1 that tunnels every CONNECT
// to 127.0.0.1 at the port asked for, whatever the host, so a test can
// name a host that resolves nowhere and still reach a local server. It
// answers refuse instead when refuse is not 0.
type connectProxy struct {
	ln     net.Listener
	refuse int
	mu     sync.Mutex
	asked  []string // CONNECT targets
	auths  []string // Proxy-Authorization headers
	wg     sync.WaitGroup
	conns  []net.Conn
	closed bool
}

func newConnectProxy(t *testing.T, refuse int) *connectProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &connectProxy{ln: ln, refuse: refuse}
	p.wg.Go(p.serve)
	t.Cleanup(p.close)
	return p
}

func (p *connectProxy) URL(userinfo string) string {
	if userinfo != "" {
		userinfo += "@"
	}
	return "http://" + userinfo + p.ln.Addr().String()
}

func (p *connectProxy) serve() {
	for {
		conn, err := p.ln.Accept()
		if err != nil {
			return
		}
		if !p.track(conn) {
			return
		}
		p.wg.Go(func() { p.tunnel(conn) })
	}
}

// track remembers conn for close; false once the proxy is closed.
func (p *connectProxy) track(conn net.Conn) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		_ = conn.Close()
		return false
	}
	p.conns = append(p.conns, conn)
	return true
}

func (p *connectProxy) tunnel(conn net.Conn) {
	defer func() { _ = conn.Close() }()
	br := bufio.NewReader(conn)
	req, err := http.ReadRequest(br)
	if err != nil || req.Method != http.MethodConnect {
		return
	}
	p.mu.Lock()
	p.asked = append(p.asked, req.Host)
	p.auths = append(p.auths, req.Header.Get("Proxy-Authorization"))
	p.mu.Unlock()
	if p.refuse != 0 {
		_, _ = fmt.Fprintf(conn, "HTTP/1.1 %d %s\r\nContent-Length: 0\r\n\r\n", p.refuse, http.StatusText(p.refuse))
		return
	}
	_, port, _ := net.SplitHostPort(req.Host)
	upstream, err := net.Dial("tcp", net.JoinHostPort("127.0.0.1", port))
	if err != nil {
		_, _ = io.WriteString(conn, "HTTP/1.1 502 Bad Gateway\r\n\r\n")
		return
	}
	if !p.track(upstream) {
		return
	}
	defer func() { _ = upstream.Close() }()
	_, _ = io.WriteString(conn, "HTTP/1.1 200 Connection established\r\n\r\n")
	done := make(chan struct{})
	go func() {
		_, _ = io.Copy(upstream, br)
		_ = upstream.Close()
		close(done)
	}()
	_, _ = io.Copy(conn, upstream)
	_ = conn.Close()
	<-done
}

func (p *connectProxy) close() {
	_ = p.ln.Close()
	p.mu.Lock()
	p.closed = true
	for _, c := range p.conns {
		_ = c.Close()
	}
	p.mu.Unlock()
	p.wg.Wait()
}

func (p *connectProxy) seen() (asked, auths []string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.asked...), append([]string(nil), p.auths...)
}

// proxiedServer is the server the proxy tunnels to; it answers the path.
func proxiedServer(t *testing.T) (port string) {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, "via "+r.Host)
	}))
	t.Cleanup(srv.Close)
	_, port, _ = net.SplitHostPort(srv.Listener.Addr().String())
	return port
}

// clearProxyEnv unsets every variable the proxy is read from, so the
// environment the tests run in does not leak into them.
func clearProxyEnv(t *testing.T) {
	for _, name := range []string{"HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "NO_PROXY", "no_proxy", "REQUEST_METHOD"} {
		t.Setenv(name, "")
	}
}

// TestProxyFromEnvironment: the Doer New builds goes through the proxy
// HTTP_PROXY names, with its credentials, as net/http's default transport
// does; the URL's query stays out of the CONNECT.
func TestProxyFromEnvironment(t *testing.T) {
	clearProxyEnv(t)
	port := proxiedServer(t)
	proxy := newConnectProxy(t, 0)
	t.Setenv("HTTP_PROXY", proxy.URL("app:s3cr%20t"))
	d := fasthttpdoer.New()
	defer d.CloseIdleConnections()

	req := &transport.Request{Method: http.MethodGet, URL: "http://pusher.test:" + port + "/apps/1/channels?auth_signature=abc"}
	resp, err := d.Do(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(resp.Body), "via pusher.test:"+port; got != want {
		t.Errorf("body %q, want %q", got, want)
	}
	asked, auths := proxy.seen()
	if len(asked) != 1 || asked[0] != "pusher.test:"+port {
		t.Errorf("proxy asked to CONNECT %q, want [pusher.test:%s]", asked, port)
	}
	if want := "Basic " + base64.StdEncoding.EncodeToString([]byte("app:s3cr t")); len(auths) != 1 || auths[0] != want {
		t.Errorf("Proxy-Authorization %q, want %q", auths, want)
	}
}

// TestProxySkipsLoopback: a request to a loopback address goes straight
// to it even with HTTP_PROXY set, as net/http's does.
func TestProxySkipsLoopback(t *testing.T) {
	clearProxyEnv(t)
	port := proxiedServer(t)
	proxy := newConnectProxy(t, 0)
	t.Setenv("HTTP_PROXY", proxy.URL(""))
	d := fasthttpdoer.New()
	defer d.CloseIdleConnections()

	resp, err := d.Do(context.Background(), &transport.Request{URL: "http://127.0.0.1:" + port + "/"})
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatal(resp, err)
	}
	if asked, _ := proxy.seen(); len(asked) != 0 {
		t.Errorf("a loopback request went through the proxy: %q", asked)
	}
}

// TestProxyRefusalIsErrorWithoutSecrets: a proxy that refuses the tunnel
// fails the call with an error naming neither the proxy's password nor
// the signed query.
func TestProxyRefusalIsErrorWithoutSecrets(t *testing.T) {
	clearProxyEnv(t)
	port := proxiedServer(t)
	proxy := newConnectProxy(t, http.StatusProxyAuthRequired)
	t.Setenv("HTTP_PROXY", proxy.URL("app:hunter2"))
	d := fasthttpdoer.New()
	defer d.CloseIdleConnections()

	_, err := d.Do(context.Background(), &transport.Request{URL: "http://pusher.test:" + port + "/apps/1/channels?auth_signature=abc"})
	if err == nil {
		t.Fatal("no error through a proxy that refuses")
	}
	t.Log(err)
	for _, secret := range []string{"hunter2", base64.StdEncoding.EncodeToString([]byte("app:hunter2")), "auth_signature"} {
		if strings.Contains(err.Error(), secret) {
			t.Errorf("error %q quotes %q", err, secret)
		}
	}
	if errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error %v: the refusal should end the call at once, not by timeout", err)
	}
}
