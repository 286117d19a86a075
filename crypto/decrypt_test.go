package crypto_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"testing"

	"github.com/go-pusher/channels/crypto"
)

// envelopeParts builds an envelope from raw nonce and ciphertext bytes.
func envelopeParts(nonce, ciphertext []byte) []byte {
	return []byte(`{"nonce":"` + base64.StdEncoding.EncodeToString(nonce) +
		`","ciphertext":"` + base64.StdEncoding.EncodeToString(ciphertext) + `"}`)
}

// splitEnvelope decodes a well-formed envelope into its raw parts.
func splitEnvelope(t *testing.T, env []byte) (nonce, ciphertext []byte) {
	t.Helper()
	var e struct{ Nonce, Ciphertext []byte }
	if err := json.Unmarshal(env, &e); err != nil {
		t.Fatal(err)
	}
	return e.Nonce, e.Ciphertext
}

func flip(b []byte, i int) []byte {
	c := bytes.Clone(b)
	c[i] ^= 0x01
	return c
}

func TestDecryptRejectsBadEnvelopes(t *testing.T) {
	const ch = "private-encrypted-a"
	mk := mustKey(t, nodeTestKeyBase64)
	other := mustKey(t, base64.StdEncoding.EncodeToString([]byte("01234567890123456789012345678901")))
	plaintext := []byte(`{"secret":"value"}`)
	env, err := mk.Encrypt(ch, plaintext, nil)
	if err != nil {
		t.Fatal(err)
	}
	nonce, ct := splitEnvelope(t, env)
	if got, err := mk.Decrypt(ch, env); err != nil || !bytes.Equal(got, plaintext) {
		t.Fatalf("control: the untouched envelope must decrypt, got %q, %v", got, err)
	}

	tests := []struct {
		name     string
		key      *crypto.MasterKey
		channel  string
		envelope []byte
	}{
		{"wrong master key", other, ch, env},
		{"wrong channel", mk, "private-encrypted-b", env},
		{"flipped first tag byte", mk, ch, envelopeParts(nonce, flip(ct, 0))},
		{"flipped first ciphertext byte", mk, ch, envelopeParts(nonce, flip(ct, 16))},
		{"flipped last ciphertext byte", mk, ch, envelopeParts(nonce, flip(ct, len(ct)-1))},
		{"flipped nonce byte", mk, ch, envelopeParts(flip(nonce, 23), ct)},
		{"short nonce", mk, ch, envelopeParts(nonce[:23], ct)},
		{"long nonce", mk, ch, envelopeParts(append(bytes.Clone(nonce), 0), ct)},
		{"empty nonce", mk, ch, envelopeParts(nil, ct)},
		{"truncated ciphertext", mk, ch, envelopeParts(nonce, ct[:len(ct)-1])},
		{"ciphertext shorter than the tag", mk, ch, envelopeParts(nonce, ct[:15])},
		{"ciphertext of just a tag", mk, ch, envelopeParts(nonce, ct[:16])},
		{"empty ciphertext", mk, ch, envelopeParts(nonce, nil)},
		{"extra ciphertext byte", mk, ch, envelopeParts(nonce, append(bytes.Clone(ct), 0))},
		{"bad base64 nonce", mk, ch, []byte(`{"nonce":"!!!!","ciphertext":"` + base64.StdEncoding.EncodeToString(ct) + `"}`)},
		{"bad base64 ciphertext", mk, ch, []byte(`{"nonce":"` + base64.StdEncoding.EncodeToString(nonce) + `","ciphertext":"%%%%"}`)},
		{"unpadded base64 ciphertext", mk, ch, []byte(`{"nonce":"` + base64.StdEncoding.EncodeToString(nonce) + `","ciphertext":"` + base64.RawStdEncoding.EncodeToString(ct[:17]) + `"}`)},
		{"url-safe base64", mk, ch, []byte(`{"nonce":"` + base64.URLEncoding.EncodeToString(bytes.Repeat([]byte{0xFF}, 24)) + `","ciphertext":"` + base64.StdEncoding.EncodeToString(ct) + `"}`)},
		{"numbers instead of strings", mk, ch, []byte(`{"nonce":1,"ciphertext":2}`)},
		{"missing ciphertext", mk, ch, []byte(`{"nonce":"` + base64.StdEncoding.EncodeToString(nonce) + `"}`)},
		{"empty object", mk, ch, []byte(`{}`)},
		{"JSON null", mk, ch, []byte(`null`)},
		{"JSON array", mk, ch, []byte(`[]`)},
		{"JSON string holding the envelope", mk, ch, mustMarshal(t, string(env))},
		{"non-JSON", mk, ch, []byte("nonce=abc&ciphertext=def")},
		{"truncated JSON", mk, ch, env[:len(env)-2]},
		{"trailing garbage", mk, ch, append(bytes.Clone(env), 'x')},
		{"empty input", mk, ch, []byte{}},
		{"nil input", mk, ch, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.key.Decrypt(tt.channel, tt.envelope)
			if !errors.Is(err, crypto.ErrDecrypt) {
				t.Fatalf("err = %v, want ErrDecrypt", err)
			}
			if got != nil {
				t.Fatalf("returned %q alongside an error", got)
			}
			if bytes.Contains([]byte(err.Error()), plaintext) {
				t.Fatalf("error %q quotes the plaintext", err)
			}
		})
	}
}

func mustMarshal(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDecryptAcceptsOtherJSONLayouts(t *testing.T) {
	const ch = "private-encrypted-a"
	mk := mustKey(t, nodeTestKeyBase64)
	env, err := mk.Encrypt(ch, []byte("hello"), countingNonce())
	if err != nil {
		t.Fatal(err)
	}
	nonce, ct := splitEnvelope(t, env)
	n64, c64 := base64.StdEncoding.EncodeToString(nonce), base64.StdEncoding.EncodeToString(ct)
	for name, layout := range map[string]string{
		"reordered":       `{"ciphertext":"` + c64 + `","nonce":"` + n64 + `"}`,
		"white space":     "{\n  \"nonce\" : \"" + n64 + "\",\n  \"ciphertext\" : \"" + c64 + "\"\n}\n",
		"extra field":     `{"nonce":"` + n64 + `","ciphertext":"` + c64 + `","v":1}`,
		"escaped slashes": `{"nonce":"` + n64 + `","ciphertext":"` + string(bytes.ReplaceAll([]byte(c64), []byte("/"), []byte(`\/`))) + `"}`,
	} {
		got, err := mk.Decrypt(ch, []byte(layout))
		if err != nil || string(got) != "hello" {
			t.Errorf("%s: Decrypt = %q, %v; want hello", name, got, err)
		}
	}
}

func TestDecryptEmptyPlaintextIsNonNil(t *testing.T) {
	mk := mustKey(t, nodeTestKeyBase64)
	env, err := mk.Encrypt("private-encrypted-a", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := mk.Decrypt("private-encrypted-a", env)
	if err != nil || got == nil || len(got) != 0 {
		t.Fatalf("Decrypt = %#v, %v; want an empty, non-nil slice", got, err)
	}
}
