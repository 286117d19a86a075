package main

import (
	"context"
	"regexp"
	"strings"
	"testing"
)

// TestServe: serve prints a PUSHER_URL the other commands work against,
// then each event it accepts, and exits 0 when its context ends.
func TestServe(t *testing.T) {
	var stdout, stderr syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	go func() {
		done <- run(ctx, []string{"serve", "--app-id", "77", "--key", "dev-key", "--secret", "dev-secret"}, strings.NewReader(""), &stdout, &stderr)
	}()
	stdout.waitFor(t, "PUSHER_URL=")
	pusherURL := regexp.MustCompile(`PUSHER_URL=(\S+)`).FindStringSubmatch(stdout.String())[1]
	if !regexp.MustCompile(`^http://dev-key:dev-secret@127\.0\.0\.1:\d+/apps/77$`).MatchString(pusherURL) {
		t.Errorf("PUSHER_URL=%s, want the app on 127.0.0.1", pusherURL)
	}

	var out, errOut syncBuffer
	if code := run(context.Background(), []string{"--url", pusherURL, "trigger", "orders", "created", `{"id":1}`}, strings.NewReader(""), &out, &errOut); code != 0 {
		t.Fatalf("trigger against serve: exit %d: %s", code, errOut.String())
	}
	stdout.waitFor(t, "orders\tcreated\t{\"id\":1}\n")

	if code := run(context.Background(), []string{"--url", strings.Replace(pusherURL, "dev-secret", "other", 1), "trigger", "orders", "x", "y"}, strings.NewReader(""), &out, &errOut); code != 1 {
		t.Errorf("trigger with a wrong secret against serve: exit %d, want 1", code)
	}

	cancel()
	if code := <-done; code != 0 {
		t.Errorf("serve exited %d, want 0; stderr:\n%s", code, stderr.String())
	}
}

// TestServeJSON: with --json the first line is {"pusher_url":…} and each
// event is a JSON object.
func TestServeJSON(t *testing.T) {
	var stdout, stderr syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	go func() { done <- run(ctx, []string{"serve", "--json"}, strings.NewReader(""), &stdout, &stderr) }()
	stdout.waitFor(t, `{"pusher_url":"http://`)
	pusherURL := regexp.MustCompile(`"pusher_url":"([^"]+)"`).FindStringSubmatch(stdout.String())[1]
	var out, errOut syncBuffer
	if code := run(context.Background(), []string{"--url", pusherURL, "trigger", "a", "b", "c", "--socket-id", "1.2"}, strings.NewReader(""), &out, &errOut); code != 0 {
		t.Fatalf("trigger: exit %d: %s", code, errOut.String())
	}
	stdout.waitFor(t, `{"channel":"a","event":"b","data":"c","socket_id":"1.2"}`)
	cancel()
	<-done
}

// TestServeDecrypts: given the app's master key, serve prints the
// plaintext of what was triggered on an encrypted channel.
func TestServeDecrypts(t *testing.T) {
	const key = "MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE="
	var stdout, stderr syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	go func() {
		done <- run(ctx, []string{"serve", "--master-key", key}, strings.NewReader(""), &stdout, &stderr)
	}()
	stdout.waitFor(t, "PUSHER_URL=")
	pusherURL := regexp.MustCompile(`PUSHER_URL=(\S+)`).FindStringSubmatch(stdout.String())[1]
	var out, errOut syncBuffer
	if code := run(context.Background(), []string{"--url", pusherURL, "--master-key", key, "trigger", "private-encrypted-vault", "sealed", `{"secret":1}`}, strings.NewReader(""), &out, &errOut); code != 0 {
		t.Fatalf("trigger: exit %d: %s", code, errOut.String())
	}
	stdout.waitFor(t, "private-encrypted-vault\tsealed\t{\"secret\":1}\n")
	cancel()
	<-done
}
