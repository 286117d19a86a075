package crypto_test

import (
	"bytes"
	"encoding/base64"
	"errors"
	"strings"
	"testing"

	"github.com/go-pusher/channels/crypto"
)

func TestParseMasterKey(t *testing.T) {
	key32 := bytes.Repeat([]byte{0xA5}, 32)
	good := base64.StdEncoding.EncodeToString(key32)
	raw32 := "0123456789abcdefghijklmnopqrstuv"

	tests := []struct {
		name      string
		base64Key string
		rawKey    string
		wantKey   []byte // nil means an error is expected
	}{
		{"good base64", good, "", key32},
		{"good base64 with trailing newline", good + "\n", "", key32},
		{"good base64 with surrounding spaces", "  " + good + "\t", "", key32},
		{"node test vector", nodeTestKeyBase64, "", rawMasterKey(t, nodeTestKeyBase64)},
		{"base64 of 31 bytes", base64.StdEncoding.EncodeToString(key32[:31]), "", nil},
		{"base64 of 33 bytes", base64.StdEncoding.EncodeToString(append(key32, 1)), "", nil},
		{"base64 of 0 bytes padding only", "====", "", nil},
		{"bad base64 characters", "not*base64!" + good[11:], "", nil},
		{"unpadded base64", base64.RawStdEncoding.EncodeToString(key32), "", nil},
		{"url-safe base64", base64.URLEncoding.EncodeToString(bytes.Repeat([]byte{0xFB}, 32)), "", nil},
		{"raw 32 bytes", "", raw32, []byte(raw32)},
		{"raw 31 bytes", "", raw32[:31], nil},
		{"raw 33 bytes", "", raw32 + "w", nil},
		{"raw 32 runes but 64 bytes", "", strings.Repeat("é", 32), nil},
		{"both given", good, raw32, nil},
		{"neither given", "", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mk, err := crypto.ParseMasterKey(tt.base64Key, tt.rawKey)
			if tt.wantKey == nil {
				if err == nil || !errors.Is(err, crypto.ErrInvalidMasterKey) {
					t.Fatalf("err = %v, want ErrInvalidMasterKey", err)
				}
				if mk != nil {
					t.Fatalf("got a key alongside error %v", err)
				}
				for _, secret := range []string{tt.base64Key, tt.rawKey} {
					if s := strings.TrimSpace(secret); len(s) > 4 && strings.Contains(err.Error(), s) {
						t.Fatalf("error %q quotes the key", err)
					}
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error %v", err)
			}
			const ch = "private-encrypted-x"
			if got, want := mk.ChannelKey(ch), independentChannelKey(ch, tt.wantKey); got != want {
				t.Fatalf("channel key %x, want %x (key bytes not as given)", got, want)
			}
		})
	}
}

func TestParseMasterKeyBase64MatchesParseMasterKey(t *testing.T) {
	a, err := crypto.ParseMasterKeyBase64(nodeTestKeyBase64)
	if err != nil {
		t.Fatal(err)
	}
	b, err := crypto.ParseMasterKey(nodeTestKeyBase64, "")
	if err != nil {
		t.Fatal(err)
	}
	if a.ChannelKey("c") != b.ChannelKey("c") {
		t.Fatal("the two parsers derive different keys from the same input")
	}
	if _, err := crypto.ParseMasterKeyBase64(""); !errors.Is(err, crypto.ErrInvalidMasterKey) {
		t.Fatalf("empty input: err = %v, want ErrInvalidMasterKey", err)
	}
	if _, err := crypto.ParseMasterKeyBase64(" \n "); !errors.Is(err, crypto.ErrInvalidMasterKey) {
		t.Fatalf("blank input: err = %v, want ErrInvalidMasterKey", err)
	}
}

func TestRawAndBase64FormsAreTheSameKey(t *testing.T) {
	raw := "01234567890123456789012345678901"
	fromRaw, err := crypto.ParseMasterKey("", raw)
	if err != nil {
		t.Fatal(err)
	}
	fromB64, err := crypto.ParseMasterKey(base64.StdEncoding.EncodeToString([]byte(raw)), "")
	if err != nil {
		t.Fatal(err)
	}
	if fromRaw.SharedSecret("private-encrypted-a") != fromB64.SharedSecret("private-encrypted-a") {
		t.Fatal("raw and base64 forms of one key derive different secrets")
	}
}

func TestNilAndZeroMasterKeyRefuseWithoutPanic(t *testing.T) {
	for name, mk := range map[string]*crypto.MasterKey{"nil": nil, "zero": {}} {
		t.Run(name, func(t *testing.T) {
			if k := mk.ChannelKey("private-encrypted-a"); k != ([32]byte{}) {
				t.Errorf("ChannelKey = %x, want zero", k)
			}
			if s := mk.SharedSecret("private-encrypted-a"); s != "" {
				t.Errorf("SharedSecret = %q, want empty", s)
			}
			dst := []byte("prefix")
			out, err := mk.AppendEnvelope(dst, "private-encrypted-a", []byte("x"), countingNonce())
			if !errors.Is(err, crypto.ErrInvalidMasterKey) || string(out) != "prefix" {
				t.Errorf("AppendEnvelope = %q, %v; want dst unchanged and ErrInvalidMasterKey", out, err)
			}
			if out, err := mk.Encrypt("private-encrypted-a", []byte("x"), countingNonce()); out != nil || !errors.Is(err, crypto.ErrInvalidMasterKey) {
				t.Errorf("Encrypt = %q, %v; want nil, ErrInvalidMasterKey", out, err)
			}
			if out, err := mk.Decrypt("private-encrypted-a", []byte(`{}`)); out != nil || !errors.Is(err, crypto.ErrInvalidMasterKey) {
				t.Errorf("Decrypt = %q, %v; want nil, ErrInvalidMasterKey", out, err)
			}
		})
	}
}
