package load

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/go-resty/resty/v2"
	"github.com/valyala/fasthttp"

	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/signing"
	"github.com/go-pusher/channels/transport"
	fasthttpdoer "github.com/go-pusher/channels/transport/fasthttp"
	"github.com/go-pusher/channels/transport/nethttp"
	restydoer "github.com/go-pusher/channels/transport/resty"
)

// Client is one way of sending the harness's events: the SDK on one
// transport, or a raw client written by hand.
type Client struct {
	// Name identifies the client in the table, e.g. "sdk/fasthttp".
	Name string
	// Baseline names the raw client this one is compared with; empty for
	// the raw clients themselves.
	Baseline string
	// NewWorker returns a function that sends one event, for one
	// goroutine: raw clients keep their scratch buffers in it.
	NewWorker func() Trigger
	// Settle, if not nil, waits until every event sent so far has been
	// delivered, and reports whether any failed (a Publisher's Flush).
	Settle func(ctx context.Context) error
	// Close releases the client's connections and goroutines.
	Close func()
	// SliceScale, if above 1, makes each of the client's slices this
	// many times longer in events: a client sending several events per
	// request then measures about as long as a trigger client, not a
	// tenth of the time, which one scheduler hiccup would swamp.
	SliceScale int
}

// Trigger sends one event and reports whether it was accepted.
type Trigger func(ctx context.Context) error

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
	hc := &http.Client{Transport: tunedTransport(), Timeout: rawTimeout}
	return Client{
		Name: RawNethttp,
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

// sdkSpec is one SDK client: its name, its raw baseline and its transport.
type sdkSpec struct {
	name, baseline string
	newDoer        func() transport.Doer
}

// sdkSpecs are the SDK on each transport; with diag, also the fasthttp
// adapter seen through its Do method alone (sdk/fasthttp-do), which shows
// what the client's fast path to it (DoInto) saves.
func sdkSpecs(diag bool) []sdkSpec {
	specs := []sdkSpec{
		{"sdk/fasthttp", RawFasthttp, func() transport.Doer { return fasthttpdoer.New() }},
		{"sdk/nethttp", RawNethttp, func() transport.Doer { return nethttp.New() }},
		{"sdk/resty", RawResty, func() transport.Doer { return restydoer.New() }},
	}
	if diag {
		specs = append(specs, sdkSpec{"sdk/fasthttp-do", RawFasthttp, func() transport.Doer {
			return doOnly{fasthttpdoer.New()}
		}})
	}
	return specs
}

// doOnly hides every method of a Doer but Do (and CloseIdleConnections).
type doOnly struct{ d transport.Doer }

func (d doOnly) Do(ctx context.Context, req *transport.Request) (*transport.Response, error) {
	return d.d.Do(ctx, req)
}

func (d doOnly) CloseIdleConnections() { closeIdle(d.d) }

// NewSDKClients returns the SDK on each transport, with its defaults
// (including the default per-call timeout), triggering data on addr.
func NewSDKClients(addr, data string, diag bool) ([]Client, error) {
	var clients []Client
	for _, sp := range sdkSpecs(diag) {
		d := sp.newDoer()
		c, err := NewSDK(addr, d)
		if err != nil {
			return nil, err
		}
		trigger := func(ctx context.Context) error {
			_, err := c.Trigger(ctx, Channel, Event, data)
			return err
		}
		clients = append(clients, Client{
			Name:      sp.name,
			Baseline:  sp.baseline,
			NewWorker: func() Trigger { return trigger },
			Close:     func() { closeIdle(d) },
		})
	}
	return clients, nil
}

// NewSDK returns a pusher client for the harness's app at addr over plain
// HTTP, sending through d (nil for the default transport) plus opts.
func NewSDK(addr string, d transport.Doer, opts ...pusher.Option) (*pusher.Client, error) {
	opts = append([]pusher.Option{pusher.WithHost(addr), pusher.WithTLS(false)}, opts...)
	if d != nil {
		opts = append(opts, pusher.WithTransport(d))
	}
	return pusher.New(AppID, Key, Secret, opts...)
}

// closeIdle closes d's idle connections if it holds any.
func closeIdle(d transport.Doer) {
	if ic, ok := d.(transport.IdleCloser); ok {
		ic.CloseIdleConnections()
	}
}

// redact cuts everything from the first '?' of an error text, so a signed
// query never reaches the terminal.
func redact(err error) string {
	s := err.Error()
	if i := strings.IndexByte(s, '?'); i >= 0 {
		return s[:i] + "?[query redacted]"
	}
	return s
}
