package mocks_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"go.uber.org/mock/gomock"

	"github.com/go-pusher/channels/mocks"
	"github.com/go-pusher/channels/transport"
)

// fakeReporter records what gomock reports instead of failing the test.
type fakeReporter struct{ errors, fatals int }

func (f *fakeReporter) Errorf(string, ...any) { f.errors++ }
func (f *fakeReporter) Fatalf(string, ...any) { f.fatals++ }
func (f *fakeReporter) Helper()               {}

func TestMockDoerReturnsWhatItIsTold(t *testing.T) {
	ctrl := gomock.NewController(t)
	doer := mocks.NewMockDoer(ctrl)
	boom := errors.New("boom")
	ctx := context.Background()
	req := &transport.Request{Method: http.MethodGet, URL: "https://example.test/apps/1/channels"}
	doer.EXPECT().Do(ctx, req).Return(nil, boom)

	var d transport.Doer = doer
	if _, err := d.Do(ctx, req); !errors.Is(err, boom) {
		t.Errorf("error %v, want %v", err, boom)
	}
}

func TestMockDoerReportsUnmetExpectation(t *testing.T) {
	rep := &fakeReporter{}
	ctrl := gomock.NewController(rep)
	mocks.NewMockDoer(ctrl).EXPECT().Do(gomock.Any(), gomock.Any()).Return(&transport.Response{StatusCode: 200}, nil)
	ctrl.Finish()
	if rep.errors+rep.fatals == 0 {
		t.Error("a Do expected but never called went unreported")
	}
}
