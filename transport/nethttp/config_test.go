package nethttp

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/go-pusher/channels/transport"
)

// tlsDoer returns a Doer on the default transport that trusts srv's
// certificate.
func tlsDoer(t *testing.T, srv *httptest.Server) *Doer {
	t.Helper()
	d := New()
	t.Cleanup(d.CloseIdleConnections)
	pool := x509.NewCertPool()
	pool.AddCert(srv.Certificate())
	d.client.Transport.(*http.Transport).TLSClientConfig.RootCAs = pool
	return d
}

func TestDefaultTransportSpeaksHTTP2OverTLS(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, r.Proto)
	}))
	srv.EnableHTTP2 = true
	srv.StartTLS()
	defer srv.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	resp, err := tlsDoer(t, srv).Do(ctx, &transport.Request{Method: http.MethodGet, URL: srv.URL + "/apps/1/channels?a=%2C&b=1"})
	if err != nil {
		t.Fatal(err)
	}
	if got := string(resp.Body); got != "HTTP/2.0" {
		t.Errorf("server saw %s, want HTTP/2.0", got)
	}
}

func TestDefaultTransportRefusesTLSBelow12(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	srv.TLS = &tls.Config{MinVersion: tls.VersionTLS10, MaxVersion: tls.VersionTLS11}
	srv.Config.ErrorLog = discardLog()
	srv.StartTLS()
	defer srv.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if resp, err := tlsDoer(t, srv).Do(ctx, &transport.Request{Method: http.MethodGet, URL: srv.URL + "/"}); err == nil {
		t.Fatalf("TLS 1.1 server answered %d, want a handshake error", resp.StatusCode)
	}
}

func TestDefaultClientConfiguration(t *testing.T) {
	d := New()
	if d.client == http.DefaultClient {
		t.Fatal("Doer uses http.DefaultClient")
	}
	tr, ok := d.client.Transport.(*http.Transport)
	if !ok {
		t.Fatalf("transport is %T, want *http.Transport", d.client.Transport)
	}
	if tr == http.DefaultTransport {
		t.Fatal("Doer uses http.DefaultTransport")
	}
	if tr.Proxy == nil {
		t.Error("no proxy function: HTTP(S)_PROXY would be ignored")
	}
	if tr.MaxIdleConnsPerHost < 16 || tr.MaxConnsPerHost < tr.MaxIdleConnsPerHost {
		t.Errorf("MaxIdleConnsPerHost %d, MaxConnsPerHost %d: 16 concurrent callers would not reuse connections",
			tr.MaxIdleConnsPerHost, tr.MaxConnsPerHost)
	}
	if !tr.ForceAttemptHTTP2 {
		t.Error("HTTP/2 not attempted")
	}
	if d.maxBodyBytes != transport.DefaultMaxBodyBytes {
		t.Errorf("body cap %d, want transport.DefaultMaxBodyBytes", d.maxBodyBytes)
	}
}

func TestWithHTTPClientLeavesCallersClientAlone(t *testing.T) {
	client := &http.Client{Timeout: time.Minute}
	d := New(WithHTTPClient(client), WithMaxBodyBytes(-1))
	if client.CheckRedirect != nil {
		t.Error("the caller's client was given a CheckRedirect")
	}
	if d.client == client || d.client.Timeout != time.Minute {
		t.Error("the Doer does not use a copy of the caller's client")
	}
	if d.maxBodyBytes != transport.DefaultMaxBodyBytes {
		t.Errorf("WithMaxBodyBytes(-1) gave cap %d, want the default", d.maxBodyBytes)
	}
}

// TestDefaultTransportAsksForNoGzip: the answers are a few bytes of JSON,
// so the default transport sends no Accept-Encoding of its own.
func TestDefaultTransportAsksForNoGzip(t *testing.T) {
	got := make(chan string, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got <- r.Header.Get("Accept-Encoding")
	}))
	defer srv.Close()
	d := New()
	defer d.CloseIdleConnections()
	if _, err := d.Do(context.Background(), &transport.Request{Method: http.MethodGet, URL: srv.URL + "/"}); err != nil {
		t.Fatal(err)
	}
	if ae := <-got; ae != "" {
		t.Errorf("Accept-Encoding %q sent, want none", ae)
	}
}

// TestCopyHeaderSharesNothing: the copy keeps every value, in order, and
// writing to the source afterwards leaves it as it was.
func TestCopyHeaderSharesNothing(t *testing.T) {
	src := http.Header{"X-Multi": {"1", "2"}, "Content-Type": {"application/json"}, "X-Empty": {}}
	dst := http.Header{}
	copyHeader(dst, src)
	want := http.Header{"X-Multi": {"1", "2"}, "Content-Type": {"application/json"}, "X-Empty": {}}
	if len(dst) != len(want) || dst.Get("Content-Type") != "application/json" || strings.Join(dst.Values("X-Multi"), ",") != "1,2" {
		t.Fatalf("copy %v, want %v", dst, want)
	}
	src["X-Multi"][0] = "changed"
	src.Set("Content-Type", "text/plain")
	if dst.Values("X-Multi")[0] != "1" || dst.Get("Content-Type") != "application/json" {
		t.Errorf("the copy changed with its source: %v", dst)
	}
	dst.Add("X-Multi", "3") // appending to one name must not spill into another's values
	if dst.Get("Content-Type") != "application/json" {
		t.Errorf("appending to X-Multi changed Content-Type: %v", dst)
	}
}
