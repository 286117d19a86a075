package signing_test

import (
	"strings"
	"testing"

	"github.com/go-pusher/channels/signing"
)

func TestWebhookSignature(t *testing.T) {
	s := signing.NewSigner(docKey, docSecret)
	body := []byte(`{"time_ms":1327078148132,"events":[{"name":"channel_occupied","channel":"test_channel"}]}`)
	sig := s.WebhookSignature(body)
	if want := hmacHex(docSecret, string(body)); sig != want {
		t.Fatalf("WebhookSignature = %s, want %s", sig, want)
	}

	flipped := []byte(sig)
	if flipped[0] == '0' {
		flipped[0] = '1'
	} else {
		flipped[0] = '0'
	}
	tampered := append([]byte(nil), body...)
	tampered[len(tampered)-3] = 'X'

	tests := []struct {
		name string
		body []byte
		sig  string
		want bool
	}{
		{"valid", body, sig, true},
		{"valid, uppercase hex", body, strings.ToUpper(sig), true},
		{"tampered body", tampered, sig, false},
		{"one hex digit changed", body, string(flipped), false},
		{"other secret", body, signing.NewSigner(docKey, "other").WebhookSignature(body), false},
		{"bad hex", body, "zz" + sig[2:], false},
		{"truncated", body, sig[:62], false},
		{"too long", body, sig + "00", false},
		{"empty signature", body, "", false},
		{"empty body signed", nil, s.WebhookSignature(nil), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := s.VerifyWebhook(tt.body, tt.sig); got != tt.want {
				t.Fatalf("VerifyWebhook = %v, want %v", got, tt.want)
			}
		})
	}
}
