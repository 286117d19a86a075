package crypto

import (
	"fmt"
	"io"
	"log/slog"
)

// redacted is all a MasterKey ever prints; a nil one prints nilKey.
const (
	redacted = "crypto.MasterKey(REDACTED)"
	nilKey   = "crypto.MasterKey(nil)"
)

// The methods below have pointer receivers, as every holder of a key has a
// *MasterKey (ParseMasterKey returns one), so that a nil one prints without
// a panic. A copied MasterKey value prints as a struct holding a func
// address, which shows nothing of the key either.

// String returns a fixed placeholder, never the key.
func (m *MasterKey) String() string {
	if m == nil {
		return nilKey
	}
	return redacted
}

// GoString returns a fixed placeholder for %#v, never the key.
func (m *MasterKey) GoString() string { return m.String() }

// Format writes a fixed placeholder for every fmt verb (%v, %+v, %#v, %s,
// %x, %q, ...), never the key.
func (m *MasterKey) Format(f fmt.State, _ rune) {
	if f != nil {
		_, _ = io.WriteString(f, m.String())
	}
}

// LogValue makes log/slog record a fixed placeholder, never the key.
func (m *MasterKey) LogValue() slog.Value { return slog.StringValue(m.String()) }
