package signcheck

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

// authVersion is the only auth_version the service accepts.
const authVersion = "1.0"

// Verifier checks signed REST requests. The zero value knows no key.
type Verifier struct {
	// Secret returns the secret of an app key, and whether it is known.
	Secret func(key string) (secret string, ok bool)
	// Now is the clock auth_timestamp is checked against; nil, or a
	// MaxSkew <= 0, disables the time check.
	Now func() time.Time
	// MaxSkew is how far auth_timestamp may be from Now.
	MaxSkew time.Duration
}

// Verify checks one request: path exactly as sent, rawQuery as on the wire.
// It requires auth_key, auth_timestamp, auth_version=1.0 and
// auth_signature, recomputes the signature over method, path and the
// decoded parameters (all but auth_signature, keys lowercased and sorted,
// joined unescaped) and compares it in constant time; then it checks
// body_md5 (required with a body) and the timestamp. The error is an *Error.
func (v Verifier) Verify(method, path, rawQuery string, body []byte) error {
	values, err := url.ParseQuery(rawQuery)
	if err != nil {
		return reject(ErrMalformedQuery, "")
	}
	pairs, auth, rerr := signedPairs(values)
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
	secret, ok := "", false
	if v.Secret != nil {
		secret, ok = v.Secret(auth["auth_key"])
	}
	if !ok {
		return reject(ErrUnknownKey, "auth_key")
	}

	toSign := method + "\n" + path + "\n" + strings.Join(pairs, "&")
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(toSign))
	got, err := hex.DecodeString(auth["auth_signature"])
	if err != nil || !hmac.Equal(mac.Sum(nil), got) {
		return &Error{Reason: ErrSignatureMismatch, Param: "auth_signature", StringToSign: toSign}
	}

	if sum, has := auth["body_md5"]; has {
		want := md5.Sum(body)
		if !strings.EqualFold(sum, hex.EncodeToString(want[:])) {
			return reject(ErrBodyMD5Mismatch, "body_md5")
		}
	} else if len(body) > 0 {
		return reject(ErrMissingAuthParam, "body_md5")
	}

	if v.Now != nil && v.MaxSkew > 0 {
		if skew := v.Now().Sub(time.Unix(ts, 0)).Abs(); skew > v.MaxSkew {
			return reject(ErrTimestampExpired, "auth_timestamp")
		}
	}
	return nil
}

// signedPairs returns the "k=v" pairs the signature covers, sorted by
// lowercased key (then by the key as sent, so keys differing only in case
// sort the same way every time; values keep their order), and the auth
// parameters, refusing any given more than once.
func signedPairs(values url.Values) ([]string, map[string]string, *Error) {
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if c := strings.Compare(strings.ToLower(a), strings.ToLower(b)); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	auth := make(map[string]string, 5)
	var pairs []string
	for _, k := range keys {
		lk := strings.ToLower(k)
		for _, val := range values[k] {
			switch lk {
			case "auth_key", "auth_timestamp", "auth_version", "auth_signature", "body_md5":
				if _, dup := auth[lk]; dup {
					return nil, nil, reject(ErrMalformedQuery, lk)
				}
				auth[lk] = val
				if lk == "auth_signature" {
					continue
				}
			}
			pairs = append(pairs, lk+"="+val)
		}
	}
	return pairs, auth, nil
}
