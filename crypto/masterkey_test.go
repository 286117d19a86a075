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

	tests := []struct {
		name      string
		base64Key string
		wantKey   []byte // nil means an error is expected
	}{
		{"good base64", good, key32},
		{"good base64 with trailing newline", good + "\n", key32},
		{"good base64 with surrounding spaces", "  " + good + "\t", key32},
		{"node test vector", nodeTestKeyBase64, rawMasterKey(t, nodeTestKeyBase64)},
		{"base64 of 31 bytes", base64.StdEncoding.EncodeToString(key32[:31]), nil},
		{"base64 of 33 bytes", base64.StdEncoding.EncodeToString(append(key32, 1)), nil},
		{"base64 of 0 bytes padding only", "====", nil},
		{"bad base64 characters", "not*base64!" + good[11:], nil},
		{"unpadded base64", base64.RawStdEncoding.EncodeToString(key32), nil},
		{"url-safe base64", base64.URLEncoding.EncodeToString(bytes.Repeat([]byte{0xFB}, 32)), nil},
		{"raw 32 bytes", "0123456789abcdefghijklmnopqrstuv", nil},
		{"empty", "", nil},
		{"blank", " \n ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mk, err := crypto.ParseMasterKey(tt.base64Key)
			if tt.wantKey == nil {
				if err == nil || !errors.Is(err, crypto.ErrInvalidMasterKey) {
					t.Fatalf("err = %v, want ErrInvalidMasterKey", err)
				}
				if mk != nil {
					t.Fatalf("got a key alongside error %v", err)
				}
				if s := strings.TrimSpace(tt.base64Key); len(s) > 4 && strings.Contains(err.Error(), s) {
					t.Fatalf("error %q quotes the key", err)
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
