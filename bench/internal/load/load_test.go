package load

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/valyala/fasthttp"

	"github.com/go-pusher/channels/signing"
)

func TestPayloadIsJSONOfTheAskedSize(t *testing.T) {
	for _, n := range []int{16, 100, 1000} {
		p := Payload(n)
		if len(p) != n || !json.Valid([]byte(p)) {
			t.Errorf("Payload(%d) = %d bytes, valid JSON %v", n, len(p), json.Valid([]byte(p)))
		}
	}
}

func TestAppendTriggerBodyMatchesEncodingJSON(t *testing.T) {
	data := `{"a":"<b>&\"c\"\\"}` + "\n"
	want, err := json.Marshal(struct {
		Name     string   `json:"name"`
		Channels []string `json:"channels"`
		Data     string   `json:"data"`
	}{Event, []string{Channel}, data})
	if err != nil {
		t.Fatal(err)
	}
	if got := AppendTriggerBody(nil, data); string(got) != string(want) {
		t.Errorf("body\n got %s\nwant %s", got, want)
	}
}

// post sends one trigger to s signed by signer, with body.
func post(t *testing.T, s *Server, signer *signing.Signer, path string, body []byte) int {
	t.Helper()
	url := "http://" + s.Addr() + path + "?" + string(signer.AppendQuery(nil, http.MethodPost, path, nil, body, time.Now().Unix()))
	req, resp := fasthttp.AcquireRequest(), fasthttp.AcquireResponse()
	defer fasthttp.ReleaseRequest(req)
	defer fasthttp.ReleaseResponse(resp)
	req.SetRequestURI(url)
	req.Header.SetMethod(http.MethodPost)
	req.SetBody(body)
	c := &fasthttp.Client{}
	defer c.CloseIdleConnections()
	if err := c.DoTimeout(req, resp, 5*time.Second); err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode()
}

func TestServerCountsWhatIsWrong(t *testing.T) {
	data := Payload(100)
	s, err := Listen(data)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = s.Close() }()
	good := signing.NewSigner(Key, Secret)
	wrongSecret := signing.NewSigner(Key, "not-the-secret")
	body := AppendTriggerBody(nil, data)

	if code := post(t, s, good, EventsPath, body); code != http.StatusOK {
		t.Errorf("good trigger: status %d", code)
	}
	if code := post(t, s, wrongSecret, EventsPath, body); code != http.StatusUnauthorized {
		t.Errorf("wrong secret: status %d, want 401", code)
	}
	if code := post(t, s, good, EventsPath, AppendTriggerBody(nil, "other data")); code != http.StatusBadRequest {
		t.Errorf("wrong data: status %d, want 400", code)
	}
	if code := post(t, s, good, "/apps/2/events", body); code != http.StatusBadRequest {
		t.Errorf("wrong path: status %d, want 400", code)
	}
	// Same members in another order: accepted.
	reordered := []byte(`{"data":` + string(appendJSONString(nil, data)) + `,"channels":["` + Channel + `"],"name":"` + Event + `"}`)
	if code := post(t, s, good, EventsPath, reordered); code != http.StatusOK {
		t.Errorf("reordered body: status %d", code)
	}

	got := s.Counts()
	want := Counts{Conns: 5, Requests: 5, SigFailures: 1, BadRequests: 2}
	if got != want {
		t.Errorf("counts = %+v, want %+v", got, want)
	}
}

func TestEveryClientGetsThroughTheServer(t *testing.T) {
	data := Payload(100)
	s, err := Listen(data)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = s.Close() }()
	sdk, err := NewSDKClients(s.Addr(), data, true)
	if err != nil {
		t.Fatal(err)
	}
	clients := append(NewRawClients(s.Addr(), data), sdk...)
	for _, c := range clients {
		for _, scenario := range Scenarios {
			o := newDriver(scenario, c).run(3*concurrency, time.Now().Add(10*time.Second))
			if o.done != 3*concurrency || o.errors != 0 {
				t.Errorf("%s %s: %d sent, %d failed (%v)", c.Name, scenario, o.done, o.errors, o.firstErr)
			}
		}
		c.Close()
	}
	got := s.Counts()
	if want := int64(len(clients) * len(Scenarios) * 3 * concurrency); got.Requests != want || got.SigFailures != 0 || got.BadRequests != 0 {
		t.Errorf("server counts %+v, want %d requests and no failures", got, want)
	}
}

func TestDriverStopsAtItsDeadline(t *testing.T) {
	calls := 0
	c := Client{Name: "stub", NewWorker: func() Trigger {
		return func(context.Context) error { calls++; return errors.New("boom ?auth_signature=secret") }
	}}
	o := newDriver(Sequential, c).run(1000, time.Now().Add(-time.Second))
	if o.done != 0 || calls != 0 {
		t.Errorf("past deadline: %d sent", o.done)
	}
	o = newDriver(Sequential, c).run(5, time.Now().Add(time.Minute))
	if o.done != 5 || o.errors != 5 {
		t.Errorf("outcome %+v, want 5 sent, 5 failed", o)
	}
	if msg := redact(o.firstErr); strings.Contains(msg, "secret") {
		t.Errorf("redacted error %q still holds the query", msg)
	}
}

func TestSlicesAddUpAndRoundsAlternate(t *testing.T) {
	for _, tc := range []struct{ n, rounds int }{{20000, 4}, {2001, 2}, {7, 3}} {
		total := 0
		for r := range tc.rounds {
			total += slice(tc.n, tc.rounds, r)
		}
		if total != tc.n {
			t.Errorf("slices of %d in %d rounds add up to %d", tc.n, tc.rounds, total)
		}
	}
	clients := []Client{{Name: "raw/a"}, {Name: "sdk/a", Baseline: "raw/a"}, {Name: "raw/b"}, {Name: "sdk/b", Baseline: "raw/b"}, {Name: "sdk/b2", Baseline: "raw/b"}}
	var names []string
	for _, c := range roundOrder(clients, 1) {
		names = append(names, c.Name)
	}
	if got, want := strings.Join(names, " "), "sdk/a raw/a sdk/b2 sdk/b raw/b"; got != want {
		t.Errorf("odd round order %q, want %q", got, want)
	}
}

func TestPairedTakesTheMedianOfRoundRatios(t *testing.T) {
	r := &Results{}
	// Client a runs at 90, 100, 50 (a slow round, when b was slow too) and
	// 95 triggers per second; b at 100 in every round but the slow one.
	for round, rates := range [][2]int64{{90, 100}, {100, 100}, {50, 50}, {95, 100}} {
		for i, name := range []string{"a", "b"} {
			r.add(Measurement{Client: name, Scenario: Sequential, Round: round, Triggers: rates[i], Elapsed: time.Second, CPU: time.Duration(rates[i]) * time.Millisecond})
		}
	}
	r.add(Measurement{Client: "a", Scenario: Sequential, Round: 4, Triggers: 1, Elapsed: time.Second}) // b missing: ignored
	p := r.PairedThroughput("a", "b", Sequential)
	if p.Rounds != 4 || p.Median != 0.975 || p.Min != 0.9 || p.Max != 1 {
		t.Errorf("PairedThroughput = %+v, want 4 rounds, median 0.975 in [0.9, 1]", p)
	}
	if p := r.PairedThroughput("a", "nobody", Sequential); p.Rounds != 0 {
		t.Errorf("PairedThroughput against a missing client = %+v, want no rounds", p)
	}
}
