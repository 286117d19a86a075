package signing

import (
	"crypto/md5"
	"encoding/hex"
	"strconv"
	"strings"
)

// authVersion is the auth_version this package signs and verifies.
const authVersion = "1.0"

// stackEntries is how many entries fit AppendQuery's fixed-size array: 8
// caller parameters plus the 4 it adds; more take a slice.
const stackEntries = 12

// AppendQuery appends to dst the complete signed query string (no leading
// '?') for a REST request to method and path: params plus auth_key,
// auth_timestamp (unixTime, in seconds), auth_version=1.0 and, when body is
// non-empty, body_md5 (hex MD5 of body).
//
// Parameters are sorted by lowercased key (stably, so repeated keys keep
// their order) and written with lowercased keys and values escaped as
// url.QueryEscape does; auth_signature comes last and is the hex
// HMAC-SHA256 of "METHOD\nPATH\n" followed by the same sorted k=v pairs
// joined by '&', unescaped. The query returned is exactly what was signed.
//
// method must be the uppercase method and path the path exactly as sent.
// params must not contain auth_* or body_md5 keys: the service rejects a
// query that repeats them. AppendQuery does not allocate when dst has room
// and params holds at most 8 lowercase keys; during the call it also uses
// dst's spare capacity beyond the result as scratch space. A Signer that
// cannot sign (see NewSigner) returns dst unchanged.
func (s *Signer) AppendQuery(dst []byte, method, path string, params []Param, body []byte, unixTime int64) []byte {
	if !s.usable() {
		return dst
	}
	var tsBuf [20]byte
	ts := strconv.AppendInt(tsBuf[:0], unixTime, 10)

	var md5Hex [2 * md5.Size]byte
	var stack [stackEntries]entry
	es := stack[:0]
	if n := len(params) + 4; n > len(stack) {
		es = make([]entry, 0, n)
	}
	for _, p := range params {
		es = append(es, entry{key: strings.ToLower(p.Key), val: p.Value})
	}
	es = append(es,
		entry{key: "auth_key", val: s.key},
		entry{key: "auth_timestamp", from: fromTimestamp},
		entry{key: "auth_version", val: authVersion},
	)
	if len(body) > 0 {
		sum := md5.Sum(body)
		hex.Encode(md5Hex[:], sum[:])
		es = append(es, entry{key: "body_md5", from: fromBodyMD5})
	}
	sortEntries(es)
	sv := stackValues{timestamp: ts, bodyMD5: md5Hex[:]}

	// Build the string to sign in dst's spare room, MAC it, then write the
	// query over it.
	start := len(dst)
	dst = appendToSign(dst, method, path, es, &sv)
	sumAt := len(dst)
	dst = s.mac(dst, dst[start:])
	var sig [sha256Size]byte
	copy(sig[:], dst[sumAt:])

	dst = dst[:start]
	for i := range es {
		if i > 0 {
			dst = append(dst, '&')
		}
		dst = appendQueryEscape(dst, es[i].key)
		dst = append(dst, '=')
		dst = es[i].appendEscapedValue(dst, &sv)
	}
	dst = append(dst, "&auth_signature="...)
	return hex.AppendEncode(dst, sig[:])
}

const sha256Size = 32

// StringToSign returns the exact string whose HMAC is auth_signature for a
// request with these params, which already include the auth_* parameters
// (any auth_signature among them is left out). It is meant for tests and
// documentation.
func (s *Signer) StringToSign(method, path string, params []Param) string {
	es := make([]entry, 0, len(params))
	for _, p := range params {
		k := strings.ToLower(p.Key)
		if k == "auth_signature" {
			continue
		}
		es = append(es, entry{key: k, val: p.Value})
	}
	sortEntries(es)
	return string(appendToSign(nil, method, path, es, nil))
}
