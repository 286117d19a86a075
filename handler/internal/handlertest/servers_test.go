package handlertest

import (
	"bufio"
	"bytes"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/valyala/fasthttp"
	"github.com/valyala/fasthttp/fasthttputil"

	"github.com/go-pusher/channels/handler"
	fasthttphandler "github.com/go-pusher/channels/handler/fasthttp"
	"github.com/go-pusher/channels/pusher"
)

// TestConformance runs the suite against the net/http handlers and the
// fasthttp ones, on a server that buffers bodies and on one that streams
// them: the same requests must get the same answers.
func TestConformance(t *testing.T) {
	t.Run("net/http", func(t *testing.T) { runSuite(t, netHTTPAdapter()) })
	t.Run("fasthttp", func(t *testing.T) { runSuite(t, fasthttpAdapter(t, false)) })
	t.Run("fasthttp streamed", func(t *testing.T) { runSuite(t, fasthttpAdapter(t, true)) })
}

// netHTTPAdapter builds package handler's handlers.
func netHTTPAdapter() adapter {
	return adapter{
		ChannelAuthorizer: func(c *pusher.Client, authorize func(handler.ChannelRequest) (*pusher.Member, error), opts ...handler.Option) (Server, error) {
			h, err := handler.NewChannelAuthorizer(c, func(_ *http.Request, req handler.ChannelRequest) (*pusher.Member, error) {
				return authorize(req)
			}, opts...)
			if err != nil {
				return nil, err
			}
			return ServeHTTP(h), nil
		},
		UserAuthenticator: func(c *pusher.Client, authenticate func(handler.UserRequest) (pusher.User, error), opts ...handler.Option) (Server, error) {
			h, err := handler.NewUserAuthenticator(c, func(_ *http.Request, req handler.UserRequest) (pusher.User, error) {
				return authenticate(req)
			}, opts...)
			if err != nil {
				return nil, err
			}
			return ServeHTTP(h), nil
		},
		WebhookReceiver: func(c *pusher.Client, receive handler.WebhookFunc, opts ...handler.Option) (Server, error) {
			h, err := handler.NewWebhookReceiver(c, receive, opts...)
			if err != nil {
				return nil, err
			}
			return ServeHTTP(h), nil
		},
	}
}

// fasthttpAdapter builds package fasthttphandler's handlers on a server
// that buffers bodies (streamBody false) or streams them.
func fasthttpAdapter(t *testing.T, streamBody bool) adapter {
	f := newFleet(t, streamBody)
	return adapter{
		ChannelAuthorizer: func(c *pusher.Client, authorize func(handler.ChannelRequest) (*pusher.Member, error), opts ...handler.Option) (Server, error) {
			h, err := fasthttphandler.NewChannelAuthorizer(c, func(_ *fasthttp.RequestCtx, req handler.ChannelRequest) (*pusher.Member, error) {
				return authorize(req)
			}, opts...)
			if err != nil {
				return nil, err
			}
			return f.serve(h), nil
		},
		UserAuthenticator: func(c *pusher.Client, authenticate func(handler.UserRequest) (pusher.User, error), opts ...handler.Option) (Server, error) {
			h, err := fasthttphandler.NewUserAuthenticator(c, func(_ *fasthttp.RequestCtx, req handler.UserRequest) (pusher.User, error) {
				return authenticate(req)
			}, opts...)
			if err != nil {
				return nil, err
			}
			return f.serve(h), nil
		},
		WebhookReceiver: func(c *pusher.Client, receive handler.WebhookFunc, opts ...handler.Option) (Server, error) {
			h, err := fasthttphandler.NewWebhookReceiver(c, receive, opts...)
			if err != nil {
				return nil, err
			}
			return f.serve(h), nil
		},
	}
}

// fleet is the servers one test started; they are shut down together, in
// parallel, since each shutdown polls its connections every 100ms.
type fleet struct {
	streamBody bool
	mu         sync.Mutex
	stops      []func()
}

// newFleet returns a fleet shut down when t ends.
func newFleet(t testing.TB, streamBody bool) *fleet {
	f := &fleet{streamBody: streamBody}
	t.Cleanup(func() {
		var wg sync.WaitGroup
		f.mu.Lock()
		defer f.mu.Unlock()
		for _, stop := range f.stops {
			wg.Go(stop)
		}
		wg.Wait()
	})
	return f
}

// serve starts a fasthttp server with h on an in-memory listener and
// returns a Server that sends requests to it. Each request is
// written whole, in one write, on its own connection before the answer is
// read, so a server that answers early and closes (413) is seen as such.
func (f *fleet) serve(h fasthttp.RequestHandler) Server {
	ln := fasthttputil.NewInmemoryListener()
	srv := &fasthttp.Server{Handler: h, StreamRequestBody: f.streamBody}
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = srv.Serve(ln)
	}()
	f.mu.Lock()
	f.stops = append(f.stops, func() {
		_ = srv.Shutdown()
		<-done
	})
	f.mu.Unlock()
	return func(req Request) Response {
		resp, err := roundTrip(ln, req)
		if err != nil {
			// Status 0 fails the calling subtest's status check.
			return Response{Header: http.Header{}, Body: []byte(err.Error())}
		}
		return resp
	}
}

// roundTrip sends req on a new connection to ln and reads the answer.
func roundTrip(ln *fasthttputil.InmemoryListener, req Request) (Response, error) {
	var body io.Reader
	if req.Body != nil {
		body = bytes.NewReader(req.Body)
		if req.Chunked {
			body = io.MultiReader(body) // unknown length: chunked
		}
	}
	hreq, err := http.NewRequest(req.Method, "http://pusher.test/pusher", body)
	if err != nil {
		return Response{}, err
	}
	if req.ContentType != "" {
		hreq.Header.Set("Content-Type", req.ContentType)
	}
	for k, vs := range req.Header {
		hreq.Header[http.CanonicalHeaderKey(k)] = vs
	}
	var wire bytes.Buffer
	if err := hreq.Write(&wire); err != nil {
		return Response{}, err
	}
	conn, err := ln.Dial()
	if err != nil {
		return Response{}, err
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := conn.Write(wire.Bytes()); err != nil {
		return Response{}, err
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), hreq)
	if err != nil {
		return Response{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return Response{}, err
	}
	return Response{Status: resp.StatusCode, Header: resp.Header, Body: b}, nil
}
