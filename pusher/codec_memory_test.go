package pusher_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/transport"
)

// keepingCodec is encoding/json that also keeps every input it decodes, as
// a zero-copy decoder keeps references into it.
type keepingCodec struct{ inputs [][]byte }

func (k *keepingCodec) Marshal(v any) ([]byte, error) { return json.Marshal(v) }

func (k *keepingCodec) Unmarshal(data []byte, v any) error {
	k.inputs = append(k.inputs, data)
	return json.Unmarshal(data, v)
}

// TestCodecNeverGetsReusedMemory: on the fast path (a transport filling
// pooled Responses), what the codec decoded an earlier answer from stays
// as it was while later calls reuse the pooled Response.
func TestCodecNeverGetsReusedMemory(t *testing.T) {
	codec := &keepingCodec{}
	first := `{"channels":{"presence-a":{"user_count":3}}}`
	c, _ := newReusingClient(t, []transport.Response{
		ok(first),
		ok(`{"channels":{"presence-b":{"user_count":9}}}`),
	}, pusher.WithJSONCodec(codec))
	ctx := context.Background()
	for range 2 {
		if _, err := c.Channels(ctx, pusher.ChannelsOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	if len(codec.inputs) != 2 {
		t.Fatalf("codec decoded %d answers, want 2", len(codec.inputs))
	}
	if got := string(codec.inputs[0]); got != first {
		t.Errorf("the first answer the codec holds changed to %q", got)
	}
}

// TestMalformedAnswerReturnsZeroValues: an answer that decodes only in
// part gives ErrMalformedResponse beside a zero value, not a half-filled one.
func TestMalformedAnswerReturnsZeroValues(t *testing.T) {
	// Well-formed JSON with a member of the wrong type: encoding/json
	// decodes the rest, then reports the error.
	half := `{"channels":{"presence-a":{"user_count":"x"},"presence-b":{}},"users":[{"id":"1"},{"id":2}]}`
	for name, newClient := range map[string]func(t *testing.T) *pusher.Client{
		"fast path": func(t *testing.T) *pusher.Client {
			c, _ := newReusingClient(t, []transport.Response{ok(half), ok(half)})
			return c
		},
		"Do": func(t *testing.T) *pusher.Client {
			d := transport.DoerFunc(func(context.Context, *transport.Request) (*transport.Response, error) {
				r := ok(half)
				return &r, nil
			})
			c, err := pusher.New("1", "key", "secret", pusher.WithTransport(d))
			if err != nil {
				t.Fatal(err)
			}
			return c
		},
	} {
		t.Run(name, func(t *testing.T) {
			c := newClient(t)
			list, err := c.Channels(context.Background(), pusher.ChannelsOptions{})
			if !errors.Is(err, pusher.ErrMalformedResponse) || list.Channels != nil {
				t.Errorf("Channels: %+v, %v; want a zero list and ErrMalformedResponse", list, err)
			}
			users, err := c.Users(context.Background(), "presence-a")
			if !errors.Is(err, pusher.ErrMalformedResponse) || users != nil {
				t.Errorf("Users: %+v, %v; want nil and ErrMalformedResponse", users, err)
			}
		})
	}
}

// TestFastPathTimeoutBoundsRetries: on the fast path the client's timeout
// bounds the retries too: no wait is started that would end past it.
func TestFastPathTimeoutBoundsRetries(t *testing.T) {
	unavailable := transport.Response{StatusCode: http.StatusServiceUnavailable, Body: []byte("down")}
	c, _ := newReusingClient(t, []transport.Response{unavailable, unavailable, unavailable},
		pusher.WithTimeout(200*time.Millisecond),
		pusher.WithRetry(pusher.RetryPolicy{MaxAttempts: 3, Backoff: func(int) time.Duration { return time.Second }}))
	start := time.Now()
	_, err := c.Channels(context.Background(), pusher.ChannelsOptions{})
	if !errors.Is(err, pusher.ErrServerError) {
		t.Fatalf("error %v, want ErrServerError", err)
	}
	if elapsed := time.Since(start); elapsed > 150*time.Millisecond {
		t.Errorf("took %v: waited for a retry past the timeout", elapsed)
	}
}
