package crypto_test

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"

	"golang.org/x/crypto/nacl/secretbox"

	"github.com/go-pusher/channels/crypto"
)

func TestEncryptFixedVector(t *testing.T) {
	mk := mustKey(t, nodeTestKeyBase64)
	plaintext := []byte(`{"message":"hello world"}`)
	got, err := mk.Encrypt(nodeTestChannel, plaintext, countingNonce())
	if err != nil {
		t.Fatal(err)
	}

	// Independently: derive the key, seal with the same nonce, build the JSON.
	var nonce [24]byte
	for i := range nonce {
		nonce[i] = byte(i)
	}
	key := independentChannelKey(nodeTestChannel, rawMasterKey(t, nodeTestKeyBase64))
	box := secretbox.Seal(nil, plaintext, &nonce, &key)
	want := `{"nonce":"` + base64.StdEncoding.EncodeToString(nonce[:]) +
		`","ciphertext":"` + base64.StdEncoding.EncodeToString(box) + `"}`
	if string(got) != want {
		t.Fatalf("Encrypt =\n%s\nwant\n%s", got, want)
	}
	// Pinned once (and checked against tweetnacl 1.0.3, which produced the same bytes).
	const pinned = `{"nonce":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYX","ciphertext":"33oMbJp4jf9rt7Abv2Sc4QEidySHWH/MlDfFNmdv+bWcdikhl31YXp8="}`
	if string(got) != pinned {
		t.Fatalf("Encrypt = %s, want pinned %s", got, pinned)
	}
}

func TestEnvelopeShape(t *testing.T) {
	mk := mustKey(t, nodeTestKeyBase64)
	env, err := mk.Encrypt("private-encrypted-a", []byte("hi"), countingNonce())
	if err != nil {
		t.Fatal(err)
	}
	var fields map[string]string
	if err := json.Unmarshal(env, &fields); err != nil {
		t.Fatalf("envelope %s is not a JSON object of strings: %v", env, err)
	}
	if len(fields) != 2 {
		t.Fatalf("envelope has fields %v, want exactly nonce and ciphertext", fields)
	}
	nonce, err := base64.StdEncoding.DecodeString(fields["nonce"])
	if err != nil || !bytes.Equal(nonce, countingNonceBytes()) {
		t.Fatalf("nonce %q is not the standard base64 of the bytes read from rand", fields["nonce"])
	}
	ct, err := base64.StdEncoding.DecodeString(fields["ciphertext"])
	if err != nil || len(ct) != len("hi")+secretbox.Overhead {
		t.Fatalf("ciphertext %q: %d bytes, err %v", fields["ciphertext"], len(ct), err)
	}
}

func countingNonceBytes() []byte {
	b, _ := io.ReadAll(countingNonce())
	return b
}

func TestRoundTrip(t *testing.T) {
	mk := mustKey(t, nodeTestKeyBase64)
	binary := make([]byte, 256)
	for i := range binary {
		binary[i] = byte(i)
	}
	plaintexts := map[string][]byte{
		"empty":           {},
		"string":          []byte("hello"),
		"json":            []byte(`{"a":[1,2,3],"b":"ü"}`),
		"all byte values": binary,
		"10 KiB":          bytes.Repeat([]byte("x"), 10<<10),
		"100 KiB":         bytes.Repeat([]byte("y"), 100<<10), // beyond the pooled scratch size
	}
	for name, pt := range plaintexts {
		for _, ch := range []string{"private-encrypted-a", "private-encrypted-" + strings.Repeat("z", 182)} {
			env, err := mk.Encrypt(ch, pt, nil)
			if err != nil {
				t.Fatalf("%s: Encrypt: %v", name, err)
			}
			if len(env) != crypto.EnvelopeLen(len(pt)) {
				t.Errorf("%s: envelope is %d bytes, EnvelopeLen says %d", name, len(env), crypto.EnvelopeLen(len(pt)))
			}
			got, err := mk.Decrypt(ch, env)
			if err != nil {
				t.Fatalf("%s: Decrypt: %v", name, err)
			}
			if !bytes.Equal(got, pt) {
				t.Fatalf("%s: round trip changed the plaintext", name)
			}
		}
	}
}

func TestEncryptUsesFreshNonces(t *testing.T) {
	mk := mustKey(t, nodeTestKeyBase64)
	seen := map[string]bool{}
	for range 50 {
		env, err := mk.Encrypt("private-encrypted-a", []byte("same"), nil)
		if err != nil {
			t.Fatal(err)
		}
		var e struct{ Nonce string }
		if err := json.Unmarshal(env, &e); err != nil {
			t.Fatal(err)
		}
		if seen[e.Nonce] {
			t.Fatalf("nonce %s repeated with the default random source", e.Nonce)
		}
		seen[e.Nonce] = true
	}
}

func TestEnvelopeLen(t *testing.T) {
	mk := mustKey(t, nodeTestKeyBase64)
	for n := range 70 {
		env, err := mk.Encrypt("private-encrypted-a", make([]byte, n), countingNonce())
		if err != nil {
			t.Fatal(err)
		}
		if got := crypto.EnvelopeLen(n); got != len(env) {
			t.Fatalf("EnvelopeLen(%d) = %d, envelope is %d bytes", n, got, len(env))
		}
	}
	if got := crypto.EnvelopeLen(-1); got != 0 {
		t.Fatalf("EnvelopeLen(-1) = %d, want 0", got)
	}
}

func TestAppendEnvelopeAppends(t *testing.T) {
	mk := mustKey(t, nodeTestKeyBase64)
	want, err := mk.Encrypt("private-encrypted-a", []byte("payload"), countingNonce())
	if err != nil {
		t.Fatal(err)
	}
	dst := make([]byte, 0, 512)
	dst = append(dst, `{"data":`...)
	out, err := mk.AppendEnvelope(dst, "private-encrypted-a", []byte("payload"), countingNonce())
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != `{"data":`+string(want) {
		t.Fatalf("AppendEnvelope = %s, want the prefix then %s", out, want)
	}
	if &out[0] != &dst[0] {
		t.Fatal("AppendEnvelope reallocated although dst had room")
	}
}

func TestAppendEnvelopePlaintextMayAliasDst(t *testing.T) {
	mk := mustKey(t, nodeTestKeyBase64)
	buf := make([]byte, 0, 1024)
	buf = append(buf, "secret message that lives inside dst's own array"...)
	want := bytes.Clone(buf)
	out, err := mk.AppendEnvelope(buf[:0], "private-encrypted-a", buf, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := mk.Decrypt("private-encrypted-a", out)
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("aliased plaintext: Decrypt = %q, %v; want %q", got, err, want)
	}
}

// failingReader fails every read.
type failingReader struct{ err error }

func (r failingReader) Read([]byte) (int, error) { return 0, r.err }

func TestRandomSourceFailure(t *testing.T) {
	mk := mustKey(t, nodeTestKeyBase64)
	boom := errors.New("entropy pool on fire")
	tests := map[string]struct {
		rand  io.Reader
		cause error
	}{
		"reader error": {failingReader{boom}, boom},
		"empty reader": {bytes.NewReader(nil), io.EOF},
		"short reader": {bytes.NewReader(make([]byte, 24-1)), io.ErrUnexpectedEOF},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			dst := []byte("keep me")
			out, err := mk.AppendEnvelope(dst, "private-encrypted-a", []byte("x"), tt.rand)
			if !errors.Is(err, crypto.ErrRandomSource) || !errors.Is(err, tt.cause) {
				t.Fatalf("err = %v, want ErrRandomSource wrapping %v", err, tt.cause)
			}
			if string(out) != "keep me" || len(out) != len(dst) {
				t.Fatalf("dst changed on error: %q", out)
			}
			if env, err := mk.Encrypt("private-encrypted-a", []byte("x"), tt.rand); env != nil || !errors.Is(err, crypto.ErrRandomSource) {
				t.Fatalf("Encrypt = %q, %v; want nil, ErrRandomSource", env, err)
			}
		})
	}
}

func TestConcurrentUse(t *testing.T) {
	mk := mustKey(t, nodeTestKeyBase64)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := range 8 {
		wg.Go(func() {
			pt := bytes.Repeat([]byte{byte(g)}, 100*(g+1))
			buf := make([]byte, 0, 64)
			for range 50 {
				var err error
				buf, err = mk.AppendEnvelope(buf[:0], "private-encrypted-c", pt, rand.Reader)
				if err != nil {
					errs <- err
					return
				}
				got, err := mk.Decrypt("private-encrypted-c", buf)
				if err != nil || !bytes.Equal(got, pt) {
					errs <- errors.New("round trip failed under concurrency")
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}
