package testsupport

import (
	"encoding/json"
	"net/http"
)

// App is a Channels app the fake serves: its id, key and secret.
type App struct {
	ID, Key, Secret string
}

// DefaultApp is the app a Server serves unless WithApp says otherwise.
func DefaultApp() App { return App{ID: "1", Key: "fake-key", Secret: "fake-secret"} }

// String shows the app id and key, never the secret.
func (a App) String() string {
	return "testsupport.App{ID: " + a.ID + ", Key: " + a.Key + ", Secret: [REDACTED]}"
}

// GoString is like String.
func (a App) GoString() string { return a.String() }

// Member is a presence-channel member: the user a socket subscribed as.
type Member struct {
	UserID string
	// UserInfo is kept for realism; the HTTP API never returns it.
	UserInfo json.RawMessage
}

// RecordedEvent is one event the fake accepted, once per channel it was
// triggered on, in the order accepted.
type RecordedEvent struct {
	Channel  string
	Name     string
	Data     string
	SocketID string // excluded socket, "" if none
}

// RecordedRequest is one request the fake received and how it answered.
type RecordedRequest struct {
	Method   string
	Path     string // as sent on the wire (escaped form)
	RawQuery string
	Header   http.Header
	Body     []byte
	Status   int
	Response []byte
}
