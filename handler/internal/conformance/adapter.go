package conformance

import (
	"net/http"

	"github.com/go-pusher/channels/handler"
	"github.com/go-pusher/channels/pusher"
)

// Request is one HTTP request to a handler under test.
type Request struct {
	Method      string
	ContentType string // not sent when empty
	Header      http.Header
	Body        []byte
	// Chunked sends the body without a Content-Length.
	Chunked bool
}

// Response is what the handler answered.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// Server sends one request to a handler and returns its answer.
type Server func(Request) Response

// Adapter builds the handlers of one package with callbacks that do not see
// the adapter's own request type.
type Adapter struct {
	ChannelAuthorizer func(c *pusher.Client, authorize func(handler.ChannelRequest) (*pusher.Member, error), opts ...handler.Option) (Server, error)
	UserAuthenticator func(c *pusher.Client, authenticate func(handler.UserRequest) (pusher.User, error), opts ...handler.Option) (Server, error)
	WebhookReceiver   func(c *pusher.Client, receive handler.WebhookFunc, opts ...handler.Option) (Server, error)
}
