package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/go-pusher/channels/pusher"
	"github.com/go-pusher/channels/pushertest"
	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the scripts run "pusher" as a command: the test binary
// itself, re-executed, calling main.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"pusher": main})
}

// TestScripts runs testdata/script/*.txtar, each against its own fake
// Channels server started in this process. The scripts see PUSHER_URL (the
// fake's app), WRONG_SECRET_URL (the same app with another secret),
// APP_KEY and APP_SECRET.
func TestScripts(t *testing.T) {
	t.Parallel()
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			srv := pushertest.NewServer()
			env.Defer(srv.Close)
			app := srv.App()
			env.Values[fakeKey{}] = srv
			env.Setenv("PUSHER_URL", srv.PusherURL())
			env.Setenv("WRONG_SECRET_URL", fmt.Sprintf("http://%s:%s@%s/apps/%s", app.Key, "wrong-secret-value", srv.Host(), app.ID))
			env.Setenv("APP_KEY", app.Key)
			env.Setenv("APP_SECRET", app.Secret)
			env.Setenv(envMasterKey, "")
			return nil
		},
		Cmds: map[string]func(*testscript.TestScript, bool, []string){
			"exits":     cmdExits,
			"failnext":  cmdFailNext,
			"subscribe": cmdSubscribe,
			"published": cmdPublished,
			"json":      cmdJSON,
			"jsonenv":   cmdJSONEnv,
			"fakesign":  cmdFakeSign,
		},
	})
}

type fakeKey struct{}

// cmdExits: exits N ARGS... runs pusher ARGS and checks that it exits with
// status N; stdout and stderr are kept for the commands that follow.
func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 1 {
		ts.Fatalf("usage: exits N ARGS...")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	err = ts.Exec("pusher", args[1:]...)
	got := 0
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		got = ee.ExitCode()
	case err != nil:
		ts.Fatalf("pusher: %v", err)
	}
	if got != want {
		ts.Fatalf("pusher exited with status %d, want %d", got, want)
	}
}

func fake(ts *testscript.TestScript) *pushertest.Server {
	return ts.Value(fakeKey{}).(*pushertest.Server)
}

// cmdSubscribe: subscribe CHANNEL SOCKET_ID [USER_ID] adds a connection to
// the fake.
func cmdSubscribe(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 || len(args) > 3 {
		ts.Fatalf("usage: subscribe CHANNEL SOCKET_ID [USER_ID]")
	}
	var m *pusher.Member
	if len(args) == 3 {
		m = &pusher.Member{UserID: args[2]}
	}
	ts.Check(fake(ts).Subscribe(args[0], args[1], m))
}

// cmdFailNext: failnext STATUS BODY makes the fake answer its next
// request with STATUS and BODY.
func cmdFailNext(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: failnext STATUS BODY")
	}
	status, err := strconv.Atoi(args[0])
	ts.Check(err)
	fake(ts).QueueResponse(status, args[1])
}

// cmdPublished: [!] published CHANNEL EVENT DATA checks whether the fake
// accepted that event.
func cmdPublished(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 3 {
		ts.Fatalf("usage: published CHANNEL EVENT DATA")
	}
	var seen []string
	for _, e := range fake(ts).Events() {
		if e.Channel == args[0] && e.Name == args[1] && e.Data == args[2] {
			if neg {
				ts.Fatalf("event %q on %s was published", args[1], args[0])
			}
			return
		}
		seen = append(seen, fmt.Sprintf("%s/%s/%s", e.Channel, e.Name, e.Data))
	}
	if !neg {
		ts.Fatalf("no event %s/%s/%s; published: %v", args[0], args[1], args[2], seen)
	}
}

// cmdJSON: json PATH WANT parses stdout as one JSON value and compares the
// value at PATH (keys and indexes separated by '/', "." for the whole
// value) with the JSON value WANT. "json -lines" only checks that each
// line of stdout is JSON.
func cmdJSON(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) == 1 && args[0] == "-lines" {
		for _, line := range strings.Split(strings.TrimSpace(ts.ReadFile("stdout")), "\n") {
			if !json.Valid([]byte(line)) {
				ts.Fatalf("stdout line is not JSON: %s", line)
			}
		}
		return
	}
	if len(args) != 2 {
		ts.Fatalf("usage: json PATH WANT | json -lines")
	}
	got := jsonAt(ts, args[0])
	var want any
	if err := json.Unmarshal([]byte(args[1]), &want); err != nil {
		ts.Fatalf("WANT is not JSON: %v", err)
	}
	if reflect.DeepEqual(got, want) == neg {
		g, _ := json.Marshal(got)
		ts.Fatalf("%s = %s, want %s%s", args[0], g, map[bool]string{true: "not "}[neg], args[1])
	}
}

// cmdJSONEnv: jsonenv VAR PATH sets VAR to the string at PATH of stdout.
func cmdJSONEnv(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: jsonenv VAR PATH")
	}
	s, ok := jsonAt(ts, args[1]).(string)
	if !ok {
		ts.Fatalf("%s is not a string", args[1])
	}
	ts.Setenv(args[0], s)
}

// jsonAt decodes stdout and walks path.
func jsonAt(ts *testscript.TestScript, path string) any {
	var v any
	if err := json.Unmarshal([]byte(ts.ReadFile("stdout")), &v); err != nil {
		ts.Fatalf("stdout is not one JSON value: %v", err)
	}
	if path == "." {
		return v
	}
	for _, k := range strings.Split(path, "/") {
		switch node := v.(type) {
		case map[string]any:
			v = node[k]
		case []any:
			var i int
			if _, err := fmt.Sscan(k, &i); err != nil || i < 0 || i >= len(node) {
				ts.Fatalf("%s: no index %s", path, k)
			}
			v = node[i]
		default:
			ts.Fatalf("%s: nothing at %s", path, k)
		}
	}
	return v
}

// cmdFakeSign: fakesign VAR FILE sets VAR to the signature the fake gives
// FILE's content as a webhook body.
func cmdFakeSign(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: fakesign VAR FILE")
	}
	h := fake(ts).SignWebhook([]byte(ts.ReadFile(args[1])))
	ts.Setenv(args[0], h.Get("X-Pusher-Signature"))
}
