package interop

import "testing"

func TestParseMessage(t *testing.T) {
	m := parseMessage([]byte(`{"type":"event","channel":"c","event":"e","data":{"a":1},"user_id":"u1"}`))
	if m.Type != "event" || m.Channel != "c" || m.Event != "e" || string(m.Data) != `{"a":1}` || m.UserID != "u1" {
		t.Fatalf("parsed %+v", m)
	}
	var data struct{ A int }
	if err := m.DecodeData(&data); err != nil || data.A != 1 {
		t.Fatalf("DecodeData = %+v, %v", data, err)
	}
	if _, ok := m.DataString(); ok {
		t.Fatal("DataString reported a string for an object")
	}
	if m.String() != m.Line || m.Line == "" {
		t.Fatalf("Line = %q", m.Line)
	}
}

func TestParseMessageStringDataAndNumericUserID(t *testing.T) {
	m := parseMessage([]byte(`{"type":"member_added","channel":"presence-x","user_id":42,"user_info":{"n":"x"}}`))
	if m.UserID != "42" {
		t.Fatalf("UserID = %q, want 42", m.UserID)
	}
	m = parseMessage([]byte(`{"type":"event","channel":"c","event":"e","data":"not \"json\""}`))
	s, ok := m.DataString()
	if !ok || s != `not "json"` {
		t.Fatalf("DataString = %q, %v", s, ok)
	}
}

func TestParseMessageNonJSONLine(t *testing.T) {
	for _, line := range []string{"plain text", `{"no_type":1}`, `[1,2]`} {
		m := parseMessage([]byte(line))
		if m.Type != "stdout" || m.Line != line {
			t.Errorf("parseMessage(%q) = %+v, want type stdout", line, m)
		}
	}
	if err := (Message{Type: "connected"}).DecodeData(new(any)); err == nil {
		t.Error("DecodeData without data succeeded")
	}
}

func TestMatchers(t *testing.T) {
	ev := Message{Type: "event", Channel: "c", Event: "e"}
	sub := Message{Type: "subscribed", Channel: "c"}
	subErr := Message{Type: "subscription_error", Channel: "c", Status: 403}
	user := Message{Type: "user_event", Event: "e"}
	cases := []struct {
		name  string
		match Match
		msg   Message
		want  bool
	}{
		{"EventOn hit", EventOn("c", "e"), ev, true},
		{"EventOn other channel", EventOn("d", "e"), ev, false},
		{"EventOn other event", EventOn("c", "f"), ev, false},
		{"SubscribedTo hit", SubscribedTo("c"), sub, true},
		{"SubscribedTo error", SubscribedTo("c"), subErr, false},
		{"SubscriptionErrorOn hit", SubscriptionErrorOn("c"), subErr, true},
		{"SubscriptionOutcome ok", SubscriptionOutcome("c"), sub, true},
		{"SubscriptionOutcome error", SubscriptionOutcome("c"), subErr, true},
		{"SubscriptionOutcome event", SubscriptionOutcome("c"), ev, false},
		{"UserEvent hit", UserEvent("e"), user, true},
		{"UserEvent channel event", UserEvent("e"), ev, false},
		{"OfType", OfType("event"), ev, true},
	}
	for _, c := range cases {
		if got := c.match(c.msg); got != c.want {
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
	}
}
