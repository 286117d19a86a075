package mocks_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"go.uber.org/mock/gomock"

	"github.com/go-pusher/channels/mocks"
	"github.com/go-pusher/channels/transport"
)

// printReporter prints what gomock reports. In a real test, hand
// gomock.NewController the test's *testing.T instead.
type printReporter struct{}

func (printReporter) Errorf(format string, args ...any) { fmt.Printf("error: "+format+"\n", args...) }
func (printReporter) Fatalf(format string, args ...any) { fmt.Printf("fatal: "+format+"\n", args...) }

// ExampleMockDoer stands a MockDoer in for the HTTP transport: the test
// states the one call it expects and answers it without a network.
func ExampleMockDoer() {
	ctrl := gomock.NewController(printReporter{})
	defer ctrl.Finish() // reports a Do that was expected but never made

	doer := mocks.NewMockDoer(ctrl)
	doer.EXPECT().
		Do(gomock.Any(), gomock.Any()).
		DoAndReturn(func(_ context.Context, req *transport.Request) (*transport.Response, error) {
			if req.Method != http.MethodPost || !strings.Contains(req.URL, "/apps/1/events?") {
				return &transport.Response{StatusCode: http.StatusNotFound}, nil
			}
			return &transport.Response{
				StatusCode: http.StatusOK,
				Header:     http.Header{"Content-Type": {"application/json"}},
				Body:       []byte(`{"channels":{}}`),
			}, nil
		}).
		Times(1)

	// The code under test sees only a transport.Doer.
	var d transport.Doer = doer
	resp, err := d.Do(context.Background(), &transport.Request{
		Method: http.MethodPost,
		URL:    "https://api-eu.pusher.com/apps/1/events?auth_key=k",
		Body:   []byte(`{"name":"e","channels":["c"],"data":"{}"}`),
	})
	fmt.Println(resp.StatusCode, string(resp.Body), err)
	// Output: 200 {"channels":{}} <nil>
}
