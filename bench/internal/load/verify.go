package load

import (
	"bytes"
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"math"
	"slices"
	"time"

	"github.com/valyala/fasthttp"
)

// verifier checks a request's Pusher signature (HTTP API auth_version 1.0)
// the way the service does, with the buffers of one server goroutine, so
// that a warm check allocates nothing: every query parameter but
// auth_signature, keys lowercased and sorted, joined as k=v with '&' after
// "METHOD\nPATH\n", HMAC-SHA256 with the app's secret; body_md5 is the hex
// MD5 of the body; auth_timestamp within maxSkew of now.
type verifier struct {
	mac    hash.Hash
	params []param
	keys   []byte // the lowercased keys params point into
	toSign []byte
	sum    []byte // the HMAC's, kept so that Sum does not allocate
}

// param is one decoded query parameter, pointing into fasthttp's buffers
// or verifier.keys.
type param struct{ key, value []byte }

func newVerifier() *verifier {
	return &verifier{mac: hmac.New(sha256.New, []byte(Secret)), keys: make([]byte, 0, 256), toSign: make([]byte, 0, 512)}
}

// verify reports whether the request of method, path (as sent) and body,
// with its query parsed into args, is signed by the harness's app.
func (v *verifier) verify(method, path []byte, args *fasthttp.Args, body []byte, now time.Time) bool {
	v.params, v.keys = v.params[:0], v.keys[:0]
	var key, version, timestamp, bodyMD5, signature []byte
	for k, val := range args.All() {
		start := len(v.keys)
		v.keys = appendLower(v.keys, k)
		k = v.keys[start:]
		var slot *[]byte
		switch string(k) {
		case "auth_key":
			slot = &key
		case "auth_version":
			slot = &version
		case "auth_timestamp":
			slot = &timestamp
		case "body_md5":
			slot = &bodyMD5
		case "auth_signature":
			slot = &signature
		}
		if slot != nil {
			if *slot != nil {
				return false // an auth parameter twice
			}
			*slot = val
		}
		if slot != &signature {
			v.params = append(v.params, param{k, val})
		}
	}
	if key == nil || version == nil || timestamp == nil || signature == nil ||
		string(key) != Key || string(version) != "1.0" {
		return false
	}
	ts, ok := parseDigits(timestamp)
	if !ok || now.Sub(time.Unix(ts, 0)).Abs() > maxSkew {
		return false
	}
	if len(body) > 0 || bodyMD5 != nil {
		sum := md5.Sum(body)
		var hexSum [2 * md5.Size]byte
		hex.Encode(hexSum[:], sum[:])
		if !bytes.EqualFold(bodyMD5, hexSum[:]) {
			return false
		}
	}
	slices.SortStableFunc(v.params, func(a, b param) int { return bytes.Compare(a.key, b.key) })
	s := append(v.toSign[:0], method...)
	s = append(s, '\n')
	s = append(s, path...)
	s = append(s, '\n')
	for i, p := range v.params {
		if i > 0 {
			s = append(s, '&')
		}
		s = append(s, p.key...)
		s = append(s, '=')
		s = append(s, p.value...)
	}
	v.toSign = s
	v.mac.Reset()
	v.mac.Write(s)
	v.sum = v.mac.Sum(v.sum[:0])
	var got [sha256.Size]byte
	if len(signature) != 2*sha256.Size {
		return false
	}
	if _, err := hex.Decode(got[:], signature); err != nil {
		return false
	}
	return hmac.Equal(v.sum, got[:])
}

// appendLower appends k to dst with ASCII letters lowercased.
func appendLower(dst, k []byte) []byte {
	for _, c := range k {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// parseDigits parses b, decimal digits of a non-negative int64.
func parseDigits(b []byte) (int64, bool) {
	if len(b) == 0 || len(b) > 19 {
		return 0, false
	}
	var n uint64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + uint64(c-'0')
	}
	return int64(n), n <= math.MaxInt64
}
