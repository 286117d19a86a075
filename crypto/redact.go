package crypto

import (
	"fmt"
	"io"
	"log/slog"
)

// redacted is all a MasterKey ever prints.
const redacted = "crypto.MasterKey(REDACTED)"

// String returns a fixed placeholder, never the key.
func (MasterKey) String() string { return redacted }

// GoString returns a fixed placeholder for %#v, never the key.
func (MasterKey) GoString() string { return redacted }

// Format writes a fixed placeholder for every fmt verb (%v, %+v, %#v, %s,
// %x, %q, ...), never the key.
func (MasterKey) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, redacted) }

// LogValue makes log/slog record a fixed placeholder, never the key. It has a
// pointer receiver so that a nil *MasterKey logs without a panic.
func (*MasterKey) LogValue() slog.Value { return slog.StringValue(redacted) }
