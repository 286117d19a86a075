package signing

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// VerifyRequest checks a signed REST request the way the Channels service
// does. It parses rawQuery (url.ParseQuery), requires auth_key,
// auth_timestamp, auth_version=1.0 and auth_signature, looks up the secret
// for auth_key with secretFor, recomputes the signature over method, path
// and the decoded parameters (all but auth_signature, keys lowercased and
// sorted) and compares it in constant time. It then checks body_md5
// (required when body is non-empty) and that auth_timestamp is within
// maxSkew of now; maxSkew <= 0 disables the time check.
//
// path must be the request path exactly as sent. The error is a
// *RequestError wrapping one of the sentinel errors; its message never
// contains a secret or a signature.
func VerifyRequest(secretFor func(key string) (secret string, ok bool), method, path, rawQuery string, body []byte, now time.Time, maxSkew time.Duration) error {
	values, err := url.ParseQuery(rawQuery)
	if err != nil {
		return reject(ErrMalformedQuery, "")
	}
	es, auth, rerr := collectParams(values)
	if rerr != nil {
		return rerr
	}
	for _, name := range [...]string{"auth_key", "auth_timestamp", "auth_version", "auth_signature"} {
		if _, ok := auth[name]; !ok {
			return reject(ErrMissingAuthParam, name)
		}
	}
	if auth["auth_version"] != authVersion {
		return reject(ErrBadAuthVersion, "auth_version")
	}
	ts, err := strconv.ParseInt(auth["auth_timestamp"], 10, 64)
	if err != nil {
		return reject(ErrMalformedQuery, "auth_timestamp")
	}
	secret, ok := secretFor(auth["auth_key"])
	if !ok {
		return reject(ErrUnknownKey, "auth_key")
	}

	toSign := appendToSign(nil, method, path, es, nil)
	want := hmacSHA256([]byte(secret), toSign)
	got, err := hex.DecodeString(auth["auth_signature"])
	if err != nil || !hmac.Equal(want, got) {
		return &RequestError{Reason: ErrSignatureMismatch, Param: "auth_signature", StringToSign: string(toSign)}
	}

	md5Param, hasMD5 := auth["body_md5"]
	switch {
	case hasMD5:
		sum := md5.Sum(body)
		if !strings.EqualFold(md5Param, hex.EncodeToString(sum[:])) {
			return reject(ErrBodyMD5Mismatch, "body_md5")
		}
	case len(body) > 0:
		return reject(ErrMissingAuthParam, "body_md5")
	}

	if maxSkew > 0 {
		skew := now.Sub(time.Unix(ts, 0))
		if skew < 0 {
			skew = -skew
		}
		if skew > maxSkew {
			return reject(ErrTimestampExpired, "auth_timestamp")
		}
	}
	return nil
}

// isAuthParam reports whether k is an auth parameter, which may appear only
// once. All but auth_signature are also signed.
func isAuthParam(k string) bool {
	switch k {
	case "auth_key", "auth_timestamp", "auth_version", "auth_signature", "body_md5":
		return true
	}
	return false
}

// collectParams lowercases keys, sorts them, and pulls out the auth
// parameters, rejecting any that occur more than once.
func collectParams(values url.Values) ([]entry, map[string]string, *RequestError) {
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	// Sort by lowercased key, then by original key, so keys differing only
	// in case have a deterministic order.
	slices.SortFunc(keys, func(a, b string) int {
		if c := strings.Compare(lowerKey(a), lowerKey(b)); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	auth := make(map[string]string, 5)
	var es []entry
	for _, k := range keys {
		lk := lowerKey(k)
		for _, v := range values[k] {
			if isAuthParam(lk) {
				if _, dup := auth[lk]; dup {
					return nil, nil, reject(ErrMalformedQuery, lk)
				}
				auth[lk] = v
				if lk == "auth_signature" {
					continue
				}
			}
			es = append(es, entry{key: lk, val: v})
		}
	}
	return es, auth, nil
}

func hmacSHA256(key, msg []byte) []byte {
	h := hmac.New(sha256.New, key)
	h.Write(msg)
	return h.Sum(nil)
}
