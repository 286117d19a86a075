//go:build e2e

package e2e

import (
	"encoding/json"
	"testing"

	"github.com/go-pusher/channels/internal/interop"
	"github.com/go-pusher/channels/pusher"
)

// greeting is struct event data.
type greeting struct {
	Text  string   `json:"text"`
	Count int      `json:"count"`
	Tags  []string `json:"tags,omitempty"`
}

// checkPublicTrigger: Trigger and TriggerMulti on public channels reach
// pusher-js, and each kind of data arrives as pusher-js hands it to bind
// callbacks: text that is not JSON as a string, JSON text and structs as
// the parsed value.
func checkPublicTrigger(t *testing.T, g *group) {
	const news, sport = "public-news", "public-sport"
	p := g.subscriber(t, sub{channels: []string{news, sport}})
	p.WaitFor(t, waitTimeout, interop.SubscribedTo(news))
	p.WaitFor(t, waitTimeout, interop.SubscribedTo(sport))

	// soketi ignores info and answers {"ok":true}: no attributes come back.
	res, err := g.client.Trigger(callCtx(t), news, "text", "héllo, wörld ✓", pusher.WithInfo("subscription_count"))
	if err != nil {
		t.Fatalf("Trigger string: %v", err)
	}
	if res.Channels != nil {
		t.Errorf("Trigger with info: Channels = %v, want nil (soketi ignores info)", res.Channels)
	}
	if text, ok := p.WaitFor(t, waitTimeout, interop.EventOn(news, "text")).DataString(); !ok || text != "héllo, wörld ✓" {
		t.Errorf("string data: pusher-js got %q (a string: %v), want the string itself", text, ok)
	}

	// A string holding JSON goes as it is; pusher-js parses it.
	if _, err := g.client.Trigger(callCtx(t), news, "json-text", `{"a":1,"b":[true,null]}`); err != nil {
		t.Fatalf("Trigger JSON string: %v", err)
	}
	wantData(t, p.WaitFor(t, waitTimeout, interop.EventOn(news, "json-text")), map[string]any{"a": 1, "b": []any{true, nil}})

	// A struct is JSON-encoded by the client; pusher-js parses it back.
	g1 := greeting{Text: "hi", Count: 3, Tags: []string{"x", "y"}}
	if _, err := g.client.Trigger(callCtx(t), news, "struct", g1); err != nil {
		t.Fatalf("Trigger struct: %v", err)
	}
	m := p.WaitFor(t, waitTimeout, interop.EventOn(news, "struct"))
	var got greeting
	if err := m.DecodeData(&got); err != nil || got.Text != g1.Text || got.Count != g1.Count || len(got.Tags) != 2 {
		t.Errorf("struct data: pusher-js got %s (%v), want %+v", m.Data, err, g1)
	}

	// []byte and json.RawMessage go as they are.
	if _, err := g.client.Trigger(callCtx(t), news, "bytes", []byte(`[1,2,3]`)); err != nil {
		t.Fatalf("Trigger []byte: %v", err)
	}
	wantData(t, p.WaitFor(t, waitTimeout, interop.EventOn(news, "bytes")), []int{1, 2, 3})
	if _, err := g.client.Trigger(callCtx(t), news, "raw", json.RawMessage(`"quoted"`)); err != nil {
		t.Fatalf("Trigger json.RawMessage: %v", err)
	}
	if text, ok := p.WaitFor(t, waitTimeout, interop.EventOn(news, "raw")).DataString(); !ok || text != "quoted" {
		t.Errorf(`json.RawMessage "quoted": pusher-js got %q (a string: %v), want the string quoted`, text, ok)
	}

	// One request, two channels.
	if _, err := g.client.TriggerMulti(callCtx(t), []string{news, sport}, "both", map[string]int{"n": 7}); err != nil {
		t.Fatalf("TriggerMulti: %v", err)
	}
	wantData(t, p.WaitFor(t, waitTimeout, interop.EventOn(news, "both")), map[string]int{"n": 7})
	wantData(t, p.WaitFor(t, waitTimeout, interop.EventOn(sport, "both")), map[string]int{"n": 7})
}

// checkSocketExclusion: ExcludeSocket keeps an event from that connection
// only.
func checkSocketExclusion(t *testing.T, g *group) {
	const ch = "public-excl"
	author := g.subscriber(t, sub{channels: []string{ch}})
	reader := g.subscriber(t, sub{channels: []string{ch}})
	author.WaitFor(t, waitTimeout, interop.SubscribedTo(ch))
	reader.WaitFor(t, waitTimeout, interop.SubscribedTo(ch))

	if _, err := g.client.Trigger(callCtx(t), ch, "echo", "from author", pusher.ExcludeSocket(author.SocketID())); err != nil {
		t.Fatalf("Trigger excluding %s: %v", author.SocketID(), err)
	}
	reader.WaitFor(t, waitTimeout, interop.EventOn(ch, "echo"))

	// The author is listening (it gets the next event, sent after), and
	// the excluded one never came.
	if _, err := g.client.Trigger(callCtx(t), ch, "after", "to all"); err != nil {
		t.Fatalf("Trigger: %v", err)
	}
	author.WaitFor(t, waitTimeout, interop.EventOn(ch, "after"))
	reader.WaitFor(t, waitTimeout, interop.EventOn(ch, "after"))
	author.ExpectNone(t, quietWindow, interop.EventOn(ch, "echo"))
}

// checkBatch: TriggerBatch delivers every event to its channel, with its
// data, and honours a per-event socket_id.
func checkBatch(t *testing.T, g *group) {
	const one, two = "public-batch-1", "public-batch-2"
	p := g.subscriber(t, sub{channels: []string{one, two}})
	excluded := g.subscriber(t, sub{channels: []string{one}})
	for _, ch := range []string{one, two} {
		p.WaitFor(t, waitTimeout, interop.SubscribedTo(ch))
	}
	excluded.WaitFor(t, waitTimeout, interop.SubscribedTo(one))

	res, err := g.client.TriggerBatch(callCtx(t), []pusher.Event{
		{Channel: one, Name: "b-text", Data: "first"},
		{Channel: two, Name: "b-struct", Data: greeting{Text: "second", Count: 2}},
		{Channel: one, Name: "b-skip", Data: map[string]bool{"third": true}, SocketID: excluded.SocketID()},
	})
	if err != nil {
		t.Fatalf("TriggerBatch: %v", err)
	}
	if res.Batch != nil {
		t.Errorf("TriggerBatch without info: Batch = %v, want nil", res.Batch)
	}
	if text, ok := p.WaitFor(t, waitTimeout, interop.EventOn(one, "b-text")).DataString(); !ok || text != "first" {
		t.Errorf("batch event 1: got %q (string: %v), want \"first\"", text, ok)
	}
	wantData(t, p.WaitFor(t, waitTimeout, interop.EventOn(two, "b-struct")), greeting{Text: "second", Count: 2})
	wantData(t, p.WaitFor(t, waitTimeout, interop.EventOn(one, "b-skip")), map[string]bool{"third": true})

	excluded.WaitFor(t, waitTimeout, interop.EventOn(one, "b-text"))
	if _, err := g.client.Trigger(callCtx(t), one, "after", "to all"); err != nil {
		t.Fatalf("Trigger: %v", err)
	}
	excluded.WaitFor(t, waitTimeout, interop.EventOn(one, "after"))
	excluded.ExpectNone(t, quietWindow, interop.EventOn(one, "b-skip"))
}
