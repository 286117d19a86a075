package pushertest

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/go-pusher/channels/domain"
	"github.com/go-pusher/channels/pusher"
)

// SignWebhook returns the headers the service sends with a webhook body
// for the app: X-Pusher-Key, X-Pusher-Signature (hex HMAC-SHA256 of body
// with the app's secret) and Content-Type.
func (s *Server) SignWebhook(body []byte) http.Header {
	mac := hmac.New(sha256.New, []byte(s.cfg.app.Secret))
	mac.Write(body)
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	h.Set(pusher.HeaderWebhookKey, s.cfg.app.Key)
	h.Set(pusher.HeaderWebhookSignature, hex.EncodeToString(mac.Sum(nil)))
	return h
}

// NewWebhookRequest returns the POST the service would make to a webhook
// receiver at target: the body {"time_ms":…,"events":[…]} with time_ms from
// the fake's clock, signed with SignWebhook. A client event's data on a
// private-encrypted- channel is sealed with the master key, as the service
// passes on what subscribers send; without WithEncryptionMasterKeyBase64
// that is an error. Serve the request with a handler directly
// (httptest.NewRecorder) or send it with an *http.Client.
func (s *Server) NewWebhookRequest(target string, events ...pusher.WebhookEvent) (*http.Request, error) {
	body, err := s.webhookBody(events)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequest(http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header = s.SignWebhook(body)
	return req, nil
}

func (s *Server) webhookBody(events []pusher.WebhookEvent) ([]byte, error) {
	sealed := make([]pusher.WebhookEvent, len(events))
	for i, ev := range events {
		if ev.Data != "" && isEncrypted(ev.Channel) {
			if s.h.masterKey == nil {
				return nil, errors.New("pushertest: a webhook event on " + ev.Channel + " needs WithEncryptionMasterKeyBase64")
			}
			env, err := s.h.masterKey.Encrypt(ev.Channel, []byte(ev.Data), rand.Reader)
			if err != nil {
				return nil, err
			}
			ev.Data = domain.WebhookData(env)
		}
		sealed[i] = ev
	}
	return json.Marshal(struct {
		TimeMs int64                 `json:"time_ms"`
		Events []pusher.WebhookEvent `json:"events"`
	}{s.cfg.now().UnixMilli(), sealed})
}
