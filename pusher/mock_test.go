package pusher_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"go.uber.org/mock/gomock"

	"github.com/go-pusher/channels/mocks"
	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/transport"
)

// requestMatcher matches a *transport.Request by method and path.
type requestMatcher struct{ method, path string }

// requestTo matches requests with method to path (query ignored).
func requestTo(method, path string) gomock.Matcher { return requestMatcher{method, path} }

func (m requestMatcher) Matches(x any) bool {
	req, ok := x.(*transport.Request)
	return ok && req.Method == m.method && captured{URL: req.URL}.Path() == m.path
}

func (m requestMatcher) String() string { return fmt.Sprintf("a %s request to %s", m.method, m.path) }

// TestTriggerWithMockTransport shows how users mock the transport: the
// mock expects one POST to the events endpoint, and the test decodes the
// JSON body the client sent.
func TestTriggerWithMockTransport(t *testing.T) {
	ctrl := gomock.NewController(t)
	doer := mocks.NewMockDoer(ctrl)

	var sent map[string]any
	doer.EXPECT().
		Do(gomock.Any(), requestTo(http.MethodPost, "/apps/123/events")).
		DoAndReturn(func(_ context.Context, req *transport.Request) (*transport.Response, error) {
			// Decode now: the client reuses the body's buffer after Do returns.
			if err := json.Unmarshal(req.Body, &sent); err != nil {
				t.Errorf("body is not JSON: %v", err)
			}
			if !strings.Contains(req.URL, "auth_signature=") {
				t.Error("request is not signed")
			}
			return &transport.Response{StatusCode: http.StatusOK, Body: []byte(`{"channels":{"orders":{"subscription_count":2}}}`)}, nil
		}).
		Times(1)

	c, err := pusher.New("123", "key", "secret", pusher.WithTransport(doer))
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.Trigger(context.Background(), "orders", "order-placed",
		map[string]any{"id": 42}, pusher.ExcludeSocket("1.2"), pusher.WithInfo("subscription_count"))
	if err != nil {
		t.Fatalf("Trigger: %v", err)
	}
	want := map[string]any{
		"name":      "order-placed",
		"channels":  []any{"orders"},
		"data":      `{"id":42}`,
		"socket_id": "1.2",
		"info":      "subscription_count",
	}
	if !reflect.DeepEqual(sent, want) {
		t.Errorf("sent %v\nwant %v", sent, want)
	}
	if got := res.Channels["orders"].SubscriptionCount; got == nil || *got != 2 {
		t.Errorf("subscription_count = %v", deref(got))
	}
}

// TestMockTransportSeesNothingForBadInput: no call is expected, so any
// request would fail the test through gomock.
func TestMockTransportSeesNothingForBadInput(t *testing.T) {
	ctrl := gomock.NewController(t)
	doer := mocks.NewMockDoer(ctrl) // no EXPECT: any Do fails the test
	c, err := pusher.New("123", "key", "secret", pusher.WithTransport(doer))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Trigger(context.Background(), "bad channel!", "ev", "x"); err == nil {
		t.Error("bad channel accepted")
	}
}
