package crypto

import "errors"

// ErrInvalidMasterKey is matched by every error about the master key: none
// given, bad base64, wrong length, or a nil or zero
// MasterKey used to encrypt or decrypt.
var ErrInvalidMasterKey = errors.New("crypto: invalid encryption master key")

// ErrDecrypt is matched by every error Decrypt returns for a bad envelope:
// not JSON, bad base64, a nonce that is not nonceSize bytes, a ciphertext too
// short to hold the authenticator, or one that fails authentication (wrong
// key, wrong channel, tampered or truncated).
var ErrDecrypt = errors.New("crypto: cannot decrypt envelope")

// ErrRandomSource is matched by the error AppendEnvelope and Encrypt return
// when the random source cannot supply a full nonce.
var ErrRandomSource = errors.New("crypto: random source failed")
