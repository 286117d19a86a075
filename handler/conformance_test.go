package handler_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/go-pusher/channels/handler"
	"github.com/go-pusher/channels/handler/internal/conformance"
	"github.com/go-pusher/channels/pusher"
)

// serve adapts an http.Handler to the conformance suite.
func serve(h http.Handler) conformance.Server {
	return func(req conformance.Request) conformance.Response {
		var body io.Reader = bytes.NewReader(req.Body)
		if req.Chunked {
			body = io.MultiReader(body) // hides the length: ContentLength -1
		}
		r := httptest.NewRequest(req.Method, "/pusher", body)
		if req.ContentType != "" {
			r.Header.Set("Content-Type", req.ContentType)
		}
		for k, vs := range req.Header {
			r.Header[http.CanonicalHeaderKey(k)] = vs
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return conformance.Response{Status: w.Code, Header: w.Header(), Body: w.Body.Bytes()}
	}
}

// adapter builds this package's handlers for the suite.
func adapter() conformance.Adapter {
	return conformance.Adapter{
		ChannelAuthorizer: func(c *pusher.Client, authorize func(handler.ChannelRequest) (*pusher.Member, error), opts ...handler.Option) (conformance.Server, error) {
			h, err := handler.NewChannelAuthorizer(c, func(_ *http.Request, req handler.ChannelRequest) (*pusher.Member, error) {
				return authorize(req)
			}, opts...)
			if err != nil {
				return nil, err
			}
			return serve(h), nil
		},
		UserAuthenticator: func(c *pusher.Client, authenticate func(handler.UserRequest) (pusher.User, error), opts ...handler.Option) (conformance.Server, error) {
			h, err := handler.NewUserAuthenticator(c, func(_ *http.Request, req handler.UserRequest) (pusher.User, error) {
				return authenticate(req)
			}, opts...)
			if err != nil {
				return nil, err
			}
			return serve(h), nil
		},
		WebhookReceiver: func(c *pusher.Client, receive handler.WebhookFunc, opts ...handler.Option) (conformance.Server, error) {
			h, err := handler.NewWebhookReceiver(c, receive, opts...)
			if err != nil {
				return nil, err
			}
			return serve(h), nil
		},
	}
}

func TestConformance(t *testing.T) { conformance.Run(t, adapter()) }
