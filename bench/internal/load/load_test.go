package load

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"runtime"
	"strings"
	"sync/atomic"
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

// listen starts a Server for the test, which closes it (twice: a second
// Close must do nothing), or skips the test where there is none.
func listen(t *testing.T, data string, spin bool) *Server {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("the harness's server needs Linux")
	}
	s, err := Listen(data, spin)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close(); _ = s.Close() })
	return s
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
	s := listen(t, data, false)
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
	batch := []byte(`{"batch":[{"channel":"` + Channel + `","name":"` + Event + `","data":` + string(appendJSONString(nil, EventData(100, time.Now()))) +
		`},{"channel":"` + Channel + `","name":"` + Event + `","data":"x"}]}`)
	if code := post(t, s, good, BatchPath, batch); code != http.StatusOK {
		t.Errorf("batch: status %d", code)
	}

	got := s.Counts()
	want := Counts{Conns: 5, Requests: 5, Events: 3, SigFailures: 1, BadRequests: 2}
	if got != want {
		t.Errorf("counts = %+v, want %+v", got, want)
	}
}

func TestEveryClientGetsThroughTheServer(t *testing.T) {
	for _, spin := range []bool{false, true} {
		t.Run(fmt.Sprintf("spin=%v", spin), func(t *testing.T) { everyClientGetsThrough(t, spin) })
	}
}

func everyClientGetsThrough(t *testing.T, spin bool) {
	data := Payload(100)
	s := listen(t, data, spin)
	clients, err := newClients(s.Addr(), 100, true)
	if err != nil {
		t.Fatal(err)
	}
	const n = 3 * Producers
	for _, c := range clients {
		ws := make([]Trigger, Producers)
		for i := range ws {
			ws[i] = c.NewWorker()
		}
		bound := time.Now().Add(10 * time.Second)
		o := steady(ws, n, bound)
		if err := settle(c, bound); err != nil {
			o.record(err)
		}
		if o.done.Load() != n || o.errors.Load() != 0 {
			t.Errorf("%s: %d sent, %d failed (%v)", c.Name, o.done.Load(), o.errors.Load(), o.firstErr)
		}
		c.Close()
		// Each producer's first event carries its publish time, and every
		// latencySample-th after it.
		if got := s.Latency().Count(); c.Settle != nil && (got < 1 || got > n/latencySample+Producers) {
			t.Errorf("%s: the server measured the latency of %d events, want 1 to %d", c.Name, got, n/latencySample+Producers)
		}
	}
	got := s.Counts()
	if want := int64(len(clients) * n); got.Events != want || got.SigFailures != 0 || got.BadRequests != 0 {
		t.Errorf("server counts %+v, want %d events and no failures", got, want)
	}
	if s.Busy() <= 0 {
		t.Errorf("busy %v after %d requests", s.Busy(), got.Requests)
	}
}

func TestServerReadsARequestInPiecesAndDropsGarbage(t *testing.T) {
	data := Payload(100)
	s := listen(t, data, false)
	body := AppendTriggerBody(nil, data)
	query := signing.NewSigner(Key, Secret).AppendQuery(nil, http.MethodPost, EventsPath, nil, body, time.Now().Unix())
	req := "POST " + EventsPath + "?" + string(query) + " HTTP/1.1\r\nHost: x\r\ncontent-LENGTH: " +
		fmt.Sprint(len(body)) + "\r\n\r\n" + string(body)

	conn, err := net.Dial("tcp", s.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = conn.Close() }()
	_ = conn.SetDeadline(time.Now().Add(5 * time.Second))
	for _, piece := range []string{req[:10], req[10 : len(req)-5], req[len(req)-5:] + req} { // the last piece ends one request and holds another
		if _, err := conn.Write([]byte(piece)); err != nil {
			t.Fatal(err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	want := string(answerOK) + string(answerOK)
	got := make([]byte, len(want))
	if _, err := io.ReadFull(conn, got); err != nil || string(got) != want {
		t.Fatalf("answers %q (%v), want two 200s", got, err)
	}

	if _, err := conn.Write([]byte("NOT HTTP\r\n\r\n")); err != nil {
		t.Fatal(err)
	}
	if n, err := conn.Read(got); err != io.EOF {
		t.Errorf("after garbage: read %d bytes, %v; want the connection closed", n, err)
	}
	if c := s.Counts(); c.Requests != 2 || c.Events != 2 {
		t.Errorf("counts %+v, want 2 requests and events", c)
	}

	chunked, err := net.Dial("tcp", s.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = chunked.Close() }()
	_ = chunked.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := chunked.Write([]byte("POST " + EventsPath + " HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n")); err != nil {
		t.Fatal(err)
	}
	answer, err := io.ReadAll(chunked)
	if err != nil || string(answer) != string(answerRefused) {
		t.Errorf("chunked request: answer %q (%v), want a 400 and the connection closed", answer, err)
	}
	if c := s.Counts(); c.BadRequests != 1 {
		t.Errorf("counts %+v, want the chunked request counted as bad", c)
	}
}

func TestSteadyStopsAtItsBound(t *testing.T) {
	var calls atomic.Int64
	ws := []Trigger{func(context.Context) error { calls.Add(1); return errors.New("boom ?auth_signature=secret") }}
	o := steady(ws, 1000, time.Now().Add(-time.Second))
	if o.done.Load() != 0 || calls.Load() != 0 {
		t.Errorf("past its bound: %d sent", o.done.Load())
	}
	o = steady(ws, 5, time.Now().Add(time.Minute))
	if o.done.Load() != 5 || o.errors.Load() != 5 {
		t.Errorf("%d sent, %d failed; want 5, 5", o.done.Load(), o.errors.Load())
	}
	if msg := redact(o.firstErr); strings.Contains(msg, "secret") {
		t.Errorf("redacted error %q still holds the query", msg)
	}
}

func TestVerifyAllocatesNothing(t *testing.T) {
	signer := signing.NewSigner(Key, Secret)
	body := AppendTriggerBody(nil, Payload(100))
	query := signer.AppendQuery(nil, http.MethodPost, EventsPath, []signing.Param{{Key: "Z_Extra", Value: "a b"}}, body, time.Now().Unix())
	var args fasthttp.Args
	args.ParseBytes(query)
	v := newVerifier()
	if !v.verify([]byte(http.MethodPost), []byte(EventsPath), &args, body, time.Now()) {
		t.Fatal("a good request does not verify")
	}
	if v.verify([]byte(http.MethodPost), []byte("/apps/2/events"), &args, body, time.Now()) {
		t.Fatal("a request verifies on another path")
	}
	if v.verify([]byte(http.MethodPost), []byte(EventsPath), &args, body[1:], time.Now()) {
		t.Fatal("a request verifies with another body")
	}
	if v.verify([]byte(http.MethodPost), []byte(EventsPath), &args, body, time.Now().Add(time.Hour)) {
		t.Fatal("a request verifies an hour later")
	}
	now := time.Now()
	if n := testing.AllocsPerRun(100, func() { v.verify([]byte(http.MethodPost), []byte(EventsPath), &args, body, now) }); n != 0 {
		t.Errorf("verify allocates %.1f times", n)
	}
}

func TestHistogramQuantiles(t *testing.T) {
	var h Histogram
	for i := 1; i <= 100; i++ {
		h.Add(time.Duration(i) * time.Millisecond)
	}
	back, err := parseHistogram(h.String())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		q    float64
		want time.Duration
	}{{0.5, 50 * time.Millisecond}, {0.99, 99 * time.Millisecond}} {
		got := back.Quantile(c.q)
		if got < c.want || float64(got) > 1.021*float64(c.want) {
			t.Errorf("quantile %.2f = %v, want %v within 2 %%", c.q, got, c.want)
		}
	}
}
