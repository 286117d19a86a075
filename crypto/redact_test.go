package crypto_test

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/go-pusher/channels/crypto"
)

// leakForms lists the ways the key bytes could show up in text.
func leakForms(raw []byte) []string {
	forms := []string{
		base64.StdEncoding.EncodeToString(raw),
		base64.RawStdEncoding.EncodeToString(raw),
		hex.EncodeToString(raw),
		strings.ToUpper(hex.EncodeToString(raw)),
		string(raw),
		fmt.Sprint(raw),            // [48 49 50 ...]
		fmt.Sprintf("%v", raw[:8]), // any prefix of the decimal form
		strings.Trim(fmt.Sprint(raw[:6]), "[]"),
	}
	return forms
}

func assertNoLeak(t *testing.T, what, out string, raw []byte) {
	t.Helper()
	for _, form := range leakForms(raw) {
		if strings.Contains(out, strings.Trim(form, "[]")) {
			t.Fatalf("%s leaks the key (%q found in %q)", what, form, out)
		}
	}
}

func TestMasterKeyNeverPrintsItsValue(t *testing.T) {
	raw := []byte("0123456789abcdefghijklmnopqrstuv") // printable, so any leak shows
	mk, err := crypto.ParseMasterKey(base64.StdEncoding.EncodeToString(raw))
	if err != nil {
		t.Fatal(err)
	}
	type exported struct{ Key crypto.MasterKey }
	type unexported struct{ key crypto.MasterKey }
	type byPointer struct{ key *crypto.MasterKey }

	operands := map[string]any{
		"pointer":            mk,
		"value":              *mk,
		"exported field":     exported{*mk},
		"unexported field":   unexported{*mk},
		"unexported pointer": byPointer{mk},
		"slice":              []*crypto.MasterKey{mk},
		"map value":          map[string]crypto.MasterKey{"k": *mk},
	}
	verbs := []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%T"}
	for name, op := range operands {
		for _, verb := range verbs {
			out := fmt.Sprintf(verb, op)
			assertNoLeak(t, name+" with "+verb, out, raw)
		}
	}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%x"} {
		if out := fmt.Sprintf(verb, mk); !strings.Contains(out, "REDACTED") {
			t.Errorf("%s of *MasterKey = %q, want the REDACTED placeholder", verb, out)
		}
	}
	if mk.String() != mk.GoString() || !strings.Contains(mk.String(), "REDACTED") {
		t.Errorf("String %q / GoString %q do not redact", mk.String(), mk.GoString())
	}
	if b, err := json.Marshal(mk); err != nil || bytes.Contains(b, raw) {
		t.Errorf("json.Marshal = %s, %v", b, err)
	}
}

func TestMasterKeyRedactsInSlog(t *testing.T) {
	raw := []byte("0123456789abcdefghijklmnopqrstuv")
	mk, err := crypto.ParseMasterKey(base64.StdEncoding.EncodeToString(raw))
	if err != nil {
		t.Fatal(err)
	}
	var nilKey *crypto.MasterKey
	for _, newHandler := range []func(*bytes.Buffer) slog.Handler{
		func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
		func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
	} {
		var buf bytes.Buffer
		log := slog.New(newHandler(&buf))
		log.Info("config", "key", mk, "value", *mk, "nil", nilKey, slog.Group("g", "k", mk))
		out := buf.String()
		assertNoLeak(t, "slog output", out, raw)
		if strings.Count(out, "crypto.MasterKey(") < 3 {
			t.Errorf("slog output %q does not show the placeholder for each *MasterKey", out)
		}
		if strings.Contains(out, "panic") {
			t.Errorf("slog output %q reports a panic", out)
		}
	}
}

func TestNilMasterKeyPrintsWithoutPanic(t *testing.T) {
	var mk *crypto.MasterKey
	for _, got := range []string{fmt.Sprintf("%v", mk), mk.String(), mk.GoString()} {
		if got != "crypto.MasterKey(nil)" {
			t.Fatalf("nil *MasterKey prints %q, want crypto.MasterKey(nil)", got)
		}
	}
	if v := mk.LogValue(); v.String() != "crypto.MasterKey(nil)" {
		t.Fatalf("LogValue of nil = %q", v)
	}
}
