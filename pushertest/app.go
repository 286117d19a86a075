package pushertest

import "net/http"

// App is a Channels app the fake serves: its id, key and secret.
type App struct {
	ID, Key, Secret string
}

// DefaultApp is the app a Server serves unless WithApp says otherwise.
func DefaultApp() App { return App{ID: "1", Key: "fake-key", Secret: "fake-secret"} }

// String shows the app id and key, never the secret.
func (a App) String() string {
	return "pushertest.App{ID: " + a.ID + ", Key: " + a.Key + ", Secret: [REDACTED]}"
}

// GoString is like String.
func (a App) GoString() string { return a.String() }

// Event is one event the fake accepted, once per channel it went to, in
// the order accepted.
type Event struct {
	Channel string
	Name    string
	// Data is the data string as subscribers receive it; on a
	// private-encrypted- channel it is the plaintext when the Server has the
	// master key (WithEncryptionMasterKeyBase64), else the envelope.
	Data string
	// SocketID is the excluded socket, "" if none.
	SocketID string
}

// Request is one request the fake received and how it answered.
type Request struct {
	Method   string
	Path     string // as sent on the wire (escaped form)
	RawQuery string
	Header   http.Header
	Body     []byte
	// Verified says whether the signature verified with a key of the app
	// (the timestamp check aside).
	Verified bool
	Status   int
	Response []byte
}
