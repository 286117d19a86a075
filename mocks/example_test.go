package mocks_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"go.uber.org/mock/gomock"

	"github.com/go-pusher/channels/mocks"
	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/transport"
)

// printReporter prints what gomock reports. In a real test, hand
// gomock.NewController the test's *testing.T instead.
type printReporter struct{}

func (printReporter) Errorf(format string, args ...any) { fmt.Printf("error: "+format+"\n", args...) }
func (printReporter) Fatalf(format string, args ...any) { fmt.Printf("fatal: "+format+"\n", args...) }

// notifier is the code under test: it announces orders on their channel
// through a pusher.Client.
type notifier struct{ client *pusher.Client }

func (n notifier) orderShipped(ctx context.Context, orderID string) error {
	_, err := n.client.Trigger(ctx, "private-order-"+orderID, "shipped", `{"id":"`+orderID+`"}`)
	return err
}

// ExampleMockDoer tests code that uses a pusher.Client without a network:
// the mock, given to the client with pusher.WithTransport, expects the one
// request the code should make and answers it as the service would.
func ExampleMockDoer() {
	ctrl := gomock.NewController(printReporter{})
	defer ctrl.Finish() // reports an expected request that was never made

	doer := mocks.NewMockDoer(ctrl)
	doer.EXPECT().
		Do(gomock.Any(), gomock.Any()).
		DoAndReturn(func(_ context.Context, req *transport.Request) (*transport.Response, error) {
			fmt.Println(req.Method, strings.SplitN(req.URL, "?", 2)[0])
			fmt.Println(string(req.Body))
			return &transport.Response{StatusCode: http.StatusOK, Body: []byte(`{}`)}, nil
		}).
		Times(1)

	client, err := pusher.New("1", "key", "secret", pusher.WithCluster("eu"), pusher.WithTransport(doer))
	if err != nil {
		fmt.Println(err)
		return
	}
	err = notifier{client}.orderShipped(context.Background(), "42")
	fmt.Println("error:", err)
	// Output:
	// POST https://api-eu.pusher.com/apps/1/events
	// {"name":"shipped","channels":["private-order-42"],"data":"{\"id\":\"42\"}"}
	// error: <nil>
}
