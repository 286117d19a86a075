package pusher_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"go.uber.org/goleak"

	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/transport"
)

// fanoutChannels returns n channel names, every encryptedEvery-th one
// private-encrypted-.
func fanoutChannels(n, encryptedEvery int) []string {
	chs := make([]string, n)
	for i := range chs {
		chs[i] = fmt.Sprintf("fan-%d", i)
		if i%encryptedEvery == 0 {
			chs[i] = fmt.Sprintf("private-encrypted-fan-%d", i)
		}
	}
	return chs
}

// plainChannels returns n plain channel names.
func plainChannels(n int) []string {
	chs := make([]string, n)
	for i := range chs {
		chs[i] = fmt.Sprintf("plain-%d", i)
	}
	return chs
}

// requestSizes returns how many channels each trigger body names and how
// many events each batch body holds.
func requestSizes(t *testing.T, bodies map[string][][]byte) (triggers, batches []int) {
	t.Helper()
	for _, b := range bodies["/apps/1/events"] {
		var body struct{ Channels []string }
		if err := json.Unmarshal(b, &body); err != nil {
			t.Fatal(err)
		}
		triggers = append(triggers, len(body.Channels))
	}
	for _, b := range bodies["/apps/1/batch_events"] {
		var body struct{ Batch []json.RawMessage }
		if err := json.Unmarshal(b, &body); err != nil {
			t.Fatal(err)
		}
		batches = append(batches, len(body.Batch))
	}
	slices.Sort(triggers)
	slices.Sort(batches)
	return triggers, batches
}

func TestTriggerFanoutReachesEveryChannelOnce(t *testing.T) {
	srv := newFake(t)
	c := newFakeClient(t, srv, nil, pusher.WithEncryptionMasterKeyBase64(testMasterKeyB64))
	channels := fanoutChannels(250, 12) // 21 encrypted, 229 plain
	named := append(slices.Clone(channels), channels[0], channels[1])
	const data = `{"headline":"hello"}`

	res, err := c.TriggerFanout(context.Background(), named, "news", data, pusher.ExcludeSocket("1.2"))
	if err != nil {
		t.Fatalf("TriggerFanout: %v", err)
	}
	if res.Channels != nil {
		t.Errorf("attributes %v without WithInfo", res.Channels)
	}

	master := testMasterKey(t)
	got := map[string]int{}
	for _, ev := range srv.Events() {
		got[ev.Channel]++
		if ev.Name != "news" || ev.SocketID != "1.2" {
			t.Errorf("event %+v: want name news, socket 1.2 excluded", ev)
		}
		if !strings.HasPrefix(ev.Channel, "private-encrypted-") {
			if ev.Data != data {
				t.Errorf("%s got %q", ev.Channel, ev.Data)
			}
			continue
		}
		other := "private-encrypted-fan-0"
		if ev.Channel == other {
			other = "private-encrypted-fan-12"
		}
		checkSealedFor(t, master, ev, other, data)
	}
	for _, ch := range channels {
		if got[ch] != 1 {
			t.Errorf("%s received the event %d times, want 1", ch, got[ch])
		}
	}
	if len(got) != len(channels) {
		t.Errorf("%d channels received it, want %d", len(got), len(channels))
	}

	bodies := map[string][][]byte{}
	for _, r := range srv.Requests() {
		bodies[r.Path] = append(bodies[r.Path], r.Body)
	}
	triggers, batches := requestSizes(t, bodies)
	if !slices.Equal(triggers, []int{29, 100, 100}) || !slices.Equal(batches, []int{1, 10, 10}) {
		t.Errorf("triggers of %v channels, batches of %v events; want [29 100 100] and [1 10 10]", triggers, batches)
	}
}

func TestTriggerFanoutReportsTheChannelsNotReached(t *testing.T) {
	srv := newFake(t)
	next := wireDoer(t)
	var triggers atomic.Int64
	d := transport.DoerFunc(func(ctx context.Context, req *transport.Request) (*transport.Response, error) {
		switch {
		case strings.Contains(req.URL, "/batch_events"):
			return &transport.Response{StatusCode: http.StatusInternalServerError, Body: []byte("down")}, nil
		case triggers.Add(1) == 2:
			return nil, errors.New("connection reset by peer")
		}
		return next.Do(ctx, req)
	})
	c := newFakeClient(t, srv, d, pusher.WithEncryptionMasterKeyBase64(testMasterKeyB64))
	channels := fanoutChannels(250, 12)

	_, err := c.TriggerFanout(context.Background(), channels, "news", "x", pusher.FanoutConcurrency(1))
	var fe *pusher.FanoutError
	if !errors.As(err, &fe) {
		t.Fatalf("err = %v (%T); want a *FanoutError", err, err)
	}
	var apiErr *pusher.APIError
	var tErr *pusher.TransportError
	if !errors.As(err, &apiErr) || !errors.Is(err, pusher.ErrServerError) || !errors.As(err, &tErr) {
		t.Errorf("errors.Is/As do not reach the requests' errors: %v", err)
	}
	reached := map[string]bool{}
	for _, ev := range srv.Events() {
		reached[ev.Channel] = true
	}
	missed := fe.Channels()
	for _, ch := range channels {
		if reached[ch] == slices.Contains(missed, ch) {
			t.Errorf("%s: reached %v, listed as missed %v", ch, reached[ch], !reached[ch])
		}
	}
	if fe.Total != 250 || len(missed) != 121 || len(fe.Failures) != 4 || len(fe.Unwrap()) != 4 {
		t.Errorf("Total %d, %d missed in %d failures; want 250, 100+21 in 4", fe.Total, len(missed), len(fe.Failures))
	}
	if msg := err.Error(); !strings.Contains(msg, "121 of 250 channels in 4 requests") {
		t.Errorf("message %q", msg)
	}
}

func TestTriggerFanoutRefusesBadInputBeforeSending(t *testing.T) {
	c, d := newRecordingClient(t, pusher.WithEncryptionMasterKeyBase64(testMasterKeyB64),
		pusher.WithLimits(pusher.Limits{MaxDataBytes: 100, MaxChannelsPerTrigger: 100, MaxEventsPerBatch: 10}))
	plainOnly, _ := newRecordingClient(t)
	many := fanoutChannels(300, 7)
	tests := []struct {
		name     string
		c        *pusher.Client
		channels []string
		event    string
		data     any
		opts     []pusher.TriggerOption
		field    string
		is       error
	}{
		{"no channels", c, nil, "ev", "x", nil, "channels", pusher.ErrInvalid},
		{"a bad channel last", c, append(slices.Clone(many), "bad channel"), "ev", "x", nil, "channel", pusher.ErrInvalid},
		{"bad event", c, many, "", "x", nil, "event", pusher.ErrInvalid},
		{"bad socket", c, many, "ev", "x", []pusher.TriggerOption{pusher.ExcludeSocket("x")}, "socket_id", pusher.ErrInvalid},
		{"bad info", c, many, "ev", "x", []pusher.TriggerOption{pusher.WithInfo("a,b")}, "info", pusher.ErrInvalid},
		{"bad concurrency", c, many, "ev", "x", []pusher.TriggerOption{pusher.FanoutConcurrency(-1)}, "concurrency", pusher.ErrInvalid},
		{"too large once sealed", c, many, "ev", strings.Repeat("d", 60), nil, "data", pusher.ErrInvalid},
		{"too large", c, many, "ev", strings.Repeat("d", 101), nil, "data", pusher.ErrInvalid},
		{"encrypted without a master key", plainOnly, many, "ev", "x", nil, "", pusher.ErrEncryption},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.c.TriggerFanout(context.Background(), tt.channels, tt.event, tt.data, tt.opts...)
			if !errors.Is(err, tt.is) {
				t.Fatalf("err = %v; want one matching %v", err, tt.is)
			}
			var ve *pusher.ValidationError
			if tt.field != "" && (!errors.As(err, &ve) || ve.Field != tt.field) {
				t.Errorf("err = %v; want a *ValidationError on %q", err, tt.field)
			}
		})
	}
	var nilCtx context.Context // what is being tested
	if _, err := c.TriggerFanout(nilCtx, many, "ev", "x"); !errors.Is(err, pusher.ErrInvalid) {
		t.Errorf("nil ctx: %v", err)
	}
	var nilClient *pusher.Client
	if _, err := nilClient.TriggerFanout(context.Background(), many, "ev", "x"); !errors.Is(err, pusher.ErrNilClient) {
		t.Errorf("nil client: %v", err)
	}
	if d.Calls() != 0 {
		t.Errorf("%d requests were sent", d.Calls())
	}
}

func TestTriggerFanoutMergesInfo(t *testing.T) {
	srv := newFake(t)
	c := newFakeClient(t, srv, nil, pusher.WithEncryptionMasterKeyBase64(testMasterKeyB64))
	channels := fanoutChannels(120, 10)
	for i, ch := range channels {
		for s := range i % 3 {
			if err := srv.Subscribe(ch, fmt.Sprintf("%d.%d", i, s), nil); err != nil {
				t.Fatal(err)
			}
		}
	}
	res, err := c.TriggerFanout(context.Background(), channels, "ev", "x", pusher.WithInfo("subscription_count"))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Channels) != len(channels) {
		t.Fatalf("attributes of %d channels, want %d", len(res.Channels), len(channels))
	}
	for i, ch := range channels {
		if a := res.Channels[ch]; a.SubscriptionCount == nil || *a.SubscriptionCount != i%3 {
			t.Errorf("%s: subscription_count %v, want %d", ch, deref(a.SubscriptionCount), i%3)
		}
	}
}

func TestTriggerFanoutBoundsConcurrency(t *testing.T) {
	for _, tt := range []struct {
		opts []pusher.TriggerOption
		max  int64
	}{
		{nil, pusher.DefaultFanoutConcurrency},
		{[]pusher.TriggerOption{pusher.FanoutConcurrency(2)}, 2},
	} {
		var now, peak atomic.Int64
		release := make(chan struct{})
		var once sync.Once
		d := transport.DoerFunc(func(ctx context.Context, req *transport.Request) (*transport.Response, error) {
			n := now.Add(1)
			defer now.Add(-1)
			for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
			}
			if n == tt.max {
				once.Do(func() { close(release) }) // every slot is busy: let them all go
			}
			<-release
			return okResponse("{}"), nil
		})
		c, err := pusher.New("1", "key", "secret", pusher.WithTransport(d), pusher.WithHost("127.0.0.1:1"), pusher.WithTLS(false))
		if err != nil {
			t.Fatal(err)
		}
		ignore := goleak.IgnoreCurrent()
		if _, err := c.TriggerFanout(context.Background(), plainChannels(2000), "ev", "x", tt.opts...); err != nil {
			t.Fatal(err)
		}
		goleak.VerifyNone(t, ignore)
		if peak.Load() != tt.max {
			t.Errorf("peak of %d requests at once, want %d", peak.Load(), tt.max)
		}
	}
}

func TestTriggerMultiStillKeepsTheServiceRules(t *testing.T) {
	c, d := newRecordingClient(t, pusher.WithEncryptionMasterKeyBase64(testMasterKeyB64))
	var ve *pusher.ValidationError
	if _, err := c.TriggerMulti(context.Background(), plainChannels(101), "ev", "x"); !errors.As(err, &ve) || ve.Field != "channels" {
		t.Errorf("101 channels: %v", err)
	}
	if _, err := c.TriggerMulti(context.Background(), []string{"a", "private-encrypted-b"}, "ev", "x"); !errors.As(err, &ve) || ve.Field != "channels" {
		t.Errorf("an encrypted channel among several: %v", err)
	}
	if d.Calls() != 0 {
		t.Errorf("%d requests sent", d.Calls())
	}
}

func TestNilFanoutError(t *testing.T) {
	var fe *pusher.FanoutError
	if fe.Error() == "" || fe.Channels() != nil || fe.Unwrap() != nil {
		t.Error("a nil *FanoutError misbehaves")
	}
}

func TestTriggerFanoutStopsSendingWhenCtxEnds(t *testing.T) {
	srv := newFake(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	next := wireDoer(t)
	d := transport.DoerFunc(func(ctx context.Context, req *transport.Request) (*transport.Response, error) {
		resp, err := next.Do(ctx, req)
		cancel() // the caller gives up after the first request
		return resp, err
	})
	c := newFakeClient(t, srv, d)
	_, err := c.TriggerFanout(ctx, plainChannels(450), "ev", "x", pusher.FanoutConcurrency(1))
	var fe *pusher.FanoutError
	if !errors.As(err, &fe) || !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v; want a *FanoutError matching context.Canceled", err)
	}
	if got, missed := len(srv.Events()), len(fe.Channels()); got != 100 || missed != 350 || len(srv.Requests()) != 1 {
		t.Errorf("%d reached, %d missed in %d requests; want 100 and 350 in 1", got, missed, len(srv.Requests()))
	}
}
