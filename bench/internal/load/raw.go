package load

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/go-resty/resty/v2"
	"github.com/valyala/fasthttp"

	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/signing"
)

// Names of the raw baselines.
const (
	RawFasthttp = "raw/fasthttp"
	RawNethttp  = "raw/nethttp"
	RawResty    = "raw/resty"
)

// rawTimeout bounds each raw call, as the SDK's default timeout bounds each
// of its calls; each library does it its own idiomatic way.
const rawTimeout = pusher.DefaultTimeout

// NewRawClients returns the hand-written baselines: each builds the body
// and the signed query itself (signing.Signer.AppendQuery) into buffers
// its worker reuses, and posts them with one long-lived client of its
// library, tuned for keep-alive with many callers.
func NewRawClients(addr, data string) []Client {
	signer := signing.NewSigner(Key, Secret)
	base := "http://" + addr
	return []Client{
		rawFasthttpClient(signer, base, data),
		rawNethttpClient(signer, base, data),
		rawRestyClient(signer, base, data),
	}
}

// rawRequest is one worker's scratch space: the body and the signed URL.
type rawRequest struct {
	signer *signing.Signer
	base   string
	data   string
	body   []byte
	url    []byte
}

func newRawRequest(signer *signing.Signer, base, data string) *rawRequest {
	return &rawRequest{signer: signer, base: base, data: data, body: make([]byte, 0, 512), url: make([]byte, 0, 512)}
}

// build signs a fresh trigger into r.body and r.url.
func (r *rawRequest) build() {
	r.body = AppendTriggerBody(r.body[:0], r.data)
	u := append(r.url[:0], r.base...)
	u = append(u, EventsPath...)
	u = append(u, '?')
	r.url = r.signer.AppendQuery(u, http.MethodPost, EventsPath, nil, r.body, time.Now().Unix())
}

// statusError is a raw client's error for an answer other than 200.
func statusError(code int) error { return fmt.Errorf("status %d", code) }

// rawFasthttpClient posts with fasthttp: acquired request and response,
// body set without a copy, DoTimeout.
func rawFasthttpClient(signer *signing.Signer, base, data string) Client {
	c := &fasthttp.Client{
		DisablePathNormalizing: true,
		MaxConnsPerHost:        512,
		ReadTimeout:            rawTimeout,
		WriteTimeout:           rawTimeout,
	}
	return Client{
		Name: RawFasthttp,
		NewWorker: func() Trigger {
			r := newRawRequest(signer, base, data)
			return func(context.Context) error {
				r.build()
				req, resp := fasthttp.AcquireRequest(), fasthttp.AcquireResponse()
				defer fasthttp.ReleaseRequest(req)
				defer fasthttp.ReleaseResponse(resp)
				req.SetRequestURIBytes(r.url)
				req.Header.SetMethod(fasthttp.MethodPost)
				req.Header.SetContentType("application/json")
				req.SetBodyRaw(r.body)
				if err := c.DoTimeout(req, resp, rawTimeout); err != nil {
					return err
				}
				if resp.StatusCode() != fasthttp.StatusOK {
					return statusError(resp.StatusCode())
				}
				return nil
			}
		},
		Close: c.CloseIdleConnections,
	}
}

// tunedTransport is a net/http transport for many callers to one host:
// plenty of idle connections per host, no compression, no HTTP/2 attempt.
func tunedTransport() *http.Transport {
	dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	return &http.Transport{
		DialContext:         dialer.DialContext,
		MaxIdleConns:        256,
		MaxIdleConnsPerHost: 256,
		IdleConnTimeout:     90 * time.Second,
		DisableCompression:  true,
	}
}

// rawNethttpClient posts with net/http on a tuned transport, bounded by
// http.Client.Timeout, and drains and closes each body.
func rawNethttpClient(signer *signing.Signer, base, data string) Client {
	return nethttpClient(RawNethttp, "", &http.Client{Transport: tunedTransport(), Timeout: rawTimeout}, signer, base, data)
}

// DiagStockNethttp names the diagnostic client that posts like raw/nethttp
// but on a clone of http.DefaultTransport, which keeps 2 idle connections
// per host: with 16 callers in waves it opens new connections all along,
// which the new-connections column must show.
const DiagStockNethttp = "raw/nethttp-stock"

// NewDiagRawClients returns the diagnostic raw clients.
func NewDiagRawClients(addr, data string) []Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	hc := &http.Client{Transport: tr, Timeout: rawTimeout}
	return []Client{nethttpClient(DiagStockNethttp, RawNethttp, hc, signing.NewSigner(Key, Secret), "http://"+addr, data)}
}

// nethttpClient posts with hc, draining and closing each body.
func nethttpClient(name, baseline string, hc *http.Client, signer *signing.Signer, base, data string) Client {
	return Client{
		Name:     name,
		Baseline: baseline,
		NewWorker: func() Trigger {
			r := newRawRequest(signer, base, data)
			return func(ctx context.Context) error {
				r.build()
				req, err := http.NewRequestWithContext(ctx, http.MethodPost, string(r.url), bytes.NewReader(r.body))
				if err != nil {
					return err
				}
				req.Header.Set("Content-Type", "application/json")
				resp, err := hc.Do(req)
				if err != nil {
					return err
				}
				_, err = io.Copy(io.Discard, resp.Body)
				_ = resp.Body.Close()
				if err != nil {
					return err
				}
				if resp.StatusCode != http.StatusOK {
					return statusError(resp.StatusCode)
				}
				return nil
			}
		},
		Close: hc.CloseIdleConnections,
	}
}

// rawRestyClient posts with resty on a tuned transport, bounded by the
// client's timeout, letting resty read the answer as it does by default.
func rawRestyClient(signer *signing.Signer, base, data string) Client {
	rc := resty.NewWithClient(&http.Client{Transport: tunedTransport()}).SetTimeout(rawTimeout)
	return Client{
		Name: RawResty,
		NewWorker: func() Trigger {
			r := newRawRequest(signer, base, data)
			return func(ctx context.Context) error {
				r.build()
				resp, err := rc.R().
					SetContext(ctx).
					SetHeader("Content-Type", "application/json").
					SetBody(r.body).
					Post(string(r.url))
				if err != nil {
					return err
				}
				if resp.StatusCode() != http.StatusOK {
					return statusError(resp.StatusCode())
				}
				return nil
			}
		},
		Close: func() { rc.GetClient().CloseIdleConnections() },
	}
}
