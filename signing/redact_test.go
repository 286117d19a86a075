package signing_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/go-pusher/channels/signing"
)

func TestSignerNeverShowsSecret(t *testing.T) {
	const secret = "s3cr3t-value-never-printed"
	s := signing.NewSigner("the-key", secret)
	holder := struct {
		S *signing.Signer
		s *signing.Signer
	}{s, s}

	var logged bytes.Buffer
	slog.New(slog.NewTextHandler(&logged, nil)).Info("signer", "s", s)
	var loggedJSON bytes.Buffer
	slog.New(slog.NewJSONHandler(&loggedJSON, nil)).Info("signer", "s", s)

	outputs := map[string]string{
		"%v %+v %#v":     fmt.Sprintf("%v %+v %#v", s, s, s),
		"%s %q":          fmt.Sprintf("%s %q", s, s),
		"struct holding": fmt.Sprintf("%v %+v %#v", holder, holder, holder),
		"slog text":      logged.String(),
		"slog json":      loggedJSON.String(),
	}
	for name, out := range outputs {
		if strings.Contains(out, secret) {
			t.Errorf("%s output contains the secret: %s", name, out)
		}
	}
	if !strings.Contains(outputs["%v %+v %#v"], "the-key") {
		t.Errorf("String should name the key: %s", outputs["%v %+v %#v"])
	}
	if !strings.Contains(logged.String(), "s.key=the-key") {
		t.Errorf("LogValue should log the key: %s", logged.String())
	}
	var nilSigner *signing.Signer
	if got := fmt.Sprint(nilSigner); strings.Contains(got, "PANIC") {
		t.Errorf("printing a nil *Signer: %s", got)
	}
}
