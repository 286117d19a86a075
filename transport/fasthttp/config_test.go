package fasthttp

import (
	"crypto/tls"
	"errors"
	"testing"
	"time"

	"github.com/valyala/fasthttp"

	"github.com/go-pusher/channels/transport"
)

func TestNewConfiguresItsClientForTheContract(t *testing.T) {
	d := New(WithMaxConnsPerHost(7), WithMaxConnWaitTimeout(time.Second), WithMaxBodyBytes(1234), WithTimeout(3*time.Second))
	c, ok := d.client.(*fasthttp.Client)
	if !ok {
		t.Fatalf("client is %T", d.client)
	}
	if !c.DisablePathNormalizing || d.normalizes {
		t.Error("path normalisation left on")
	}
	if c.MaxIdemponentCallAttempts != 1 {
		t.Errorf("MaxIdemponentCallAttempts %d, want 1", c.MaxIdemponentCallAttempts)
	}
	if c.RetryIfErr == nil {
		t.Fatal("RetryIfErr unset: fasthttp would retry idempotent calls")
	}
	req := fasthttp.AcquireRequest()
	defer fasthttp.ReleaseRequest(req)
	if _, retry := c.RetryIfErr(req, 1, errors.New("boom")); retry {
		t.Error("RetryIfErr asks for a retry")
	}
	if c.MaxResponseBodySize != 1234 || d.maxBodyBytes != 1234 {
		t.Errorf("body cap %d/%d, want 1234", c.MaxResponseBodySize, d.maxBodyBytes)
	}
	if c.MaxConnsPerHost != 7 || c.MaxConnWaitTimeout != time.Second {
		t.Errorf("MaxConnsPerHost %d, MaxConnWaitTimeout %v", c.MaxConnsPerHost, c.MaxConnWaitTimeout)
	}
	if c.ReadTimeout != 3*time.Second || c.WriteTimeout != 3*time.Second || d.timeout != 3*time.Second {
		t.Errorf("timeouts read %v write %v call %v, want 3s", c.ReadTimeout, c.WriteTimeout, d.timeout)
	}
	if c.TLSConfig == nil || c.TLSConfig.MinVersion != tls.VersionTLS12 {
		t.Error("TLS minimum is not 1.2")
	}
}

func TestNewDefaults(t *testing.T) {
	d := New(WithMaxConnsPerHost(-1), WithMaxBodyBytes(0))
	c := d.client.(*fasthttp.Client)
	if c.MaxConnsPerHost != DefaultMaxConnsPerHost || c.MaxConnWaitTimeout != DefaultMaxConnWaitTimeout {
		t.Errorf("MaxConnsPerHost %d, MaxConnWaitTimeout %v", c.MaxConnsPerHost, c.MaxConnWaitTimeout)
	}
	if d.maxBodyBytes != transport.DefaultMaxBodyBytes || d.timeout != DefaultTimeout {
		t.Errorf("body cap %d, timeout %v", d.maxBodyBytes, d.timeout)
	}
}

func TestWithClientIsNotModified(t *testing.T) {
	c := &fasthttp.Client{}
	d := New(WithClient(c), WithMaxConnsPerHost(3))
	if d.client != c {
		t.Fatal("Doer does not use the caller's client")
	}
	if c.DisablePathNormalizing || c.MaxConnsPerHost != 0 || c.RetryIfErr != nil {
		t.Error("New changed the caller's client")
	}
	if !d.normalizes {
		t.Error("Doer does not know the caller's client rewrites paths")
	}
}
