package crypto

import (
	"encoding/base64"
	"fmt"
	"strings"
)

// masterKeySize is the length in bytes of an encryption master key.
const masterKeySize = 32

// MasterKey is the encryption master key from which every channel key is
// derived. Obtain one with ParseMasterKey; a nil or zero MasterKey holds no
// key and every method that needs one refuses to work.
//
// A MasterKey never reveals its value: fmt verbs, String, GoString and
// LogValue of a *MasterKey (nil included) print a fixed placeholder, and
// the key is reachable only through a closure, so even reflective printers
// (fmt on an unexported field, spew in test diffs) show no more than a func
// address. It is safe for concurrent use.
type MasterKey struct {
	load func() *keyState
}

// keyState is the key material and the scratch buffers used with it.
type keyState struct {
	key     [masterKeySize]byte
	scratch scratchPool
}

// ParseMasterKey builds a MasterKey from the standard base64 (RFC 4648,
// padded) encoding of 32 bytes, such as the output of `openssl rand -base64 32`.
// Surrounding white space is ignored. Errors match ErrInvalidMasterKey and
// never quote the input.
func ParseMasterKey(s string) (*MasterKey, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, fmt.Errorf("%w: no key given", ErrInvalidMasterKey)
	}
	decoded, err := base64.StdEncoding.DecodeString(s)
	defer clear(decoded)
	if err != nil {
		return nil, fmt.Errorf("%w: base64 key is not valid standard base64", ErrInvalidMasterKey)
	}
	if len(decoded) != masterKeySize {
		return nil, fmt.Errorf("%w: base64 key decodes to %d bytes, want %d", ErrInvalidMasterKey, len(decoded), masterKeySize)
	}
	return newMasterKey(decoded), nil
}

// newMasterKey copies the 32 bytes of key into a new MasterKey.
func newMasterKey(key []byte) *MasterKey {
	st := &keyState{}
	copy(st.key[:], key)
	return &MasterKey{load: func() *keyState { return st }}
}

// material returns the key material, or nil for a nil or zero MasterKey.
func (m *MasterKey) material() *keyState {
	if m == nil || m.load == nil {
		return nil
	}
	return m.load()
}

// errNoKey is returned by the methods that need key material when the
// MasterKey is nil or was not obtained from a Parse function.
var errNoKey = fmt.Errorf("%w: nil or zero MasterKey (use ParseMasterKey)", ErrInvalidMasterKey)
