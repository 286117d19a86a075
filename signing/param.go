package signing

import (
	"slices"
	"strings"
)

// Param is one query parameter, unescaped.
type Param struct{ Key, Value string }

// entry is one parameter as it is signed: a lowercased key and a value.
// Values AppendQuery formats itself live in a stackValues and are named by
// from, so that no entry points into a stack buffer.
type entry struct {
	key  string
	val  string
	from valueSource
}

type valueSource uint8

const (
	fromVal valueSource = iota
	fromTimestamp
	fromBodyMD5
)

// stackValues holds the values AppendQuery formats on the stack.
type stackValues struct {
	timestamp []byte
	bodyMD5   []byte
}

func (e *entry) appendValue(dst []byte, sv *stackValues) []byte {
	switch e.from {
	case fromTimestamp:
		return append(dst, sv.timestamp...)
	case fromBodyMD5:
		return append(dst, sv.bodyMD5...)
	}
	return append(dst, e.val...)
}

func (e *entry) appendEscapedValue(dst []byte, sv *stackValues) []byte {
	if e.from != fromVal {
		// Decimal digits and lowercase hex need no escaping.
		return e.appendValue(dst, sv)
	}
	return appendQueryEscape(dst, e.val)
}

// sortEntries sorts by key, stably, so repeated keys keep their order.
func sortEntries(es []entry) { slices.SortStableFunc(es, compareEntries) }

func compareEntries(a, b entry) int { return strings.Compare(a.key, b.key) }

// appendToSign appends "METHOD\nPATH\nk=v&k=v..." with es already sorted and
// nothing escaped.
func appendToSign(dst []byte, method, path string, es []entry, sv *stackValues) []byte {
	dst = append(dst, method...)
	dst = append(dst, '\n')
	dst = append(dst, path...)
	dst = append(dst, '\n')
	for i := range es {
		if i > 0 {
			dst = append(dst, '&')
		}
		dst = append(dst, es[i].key...)
		dst = append(dst, '=')
		dst = es[i].appendValue(dst, sv)
	}
	return dst
}
