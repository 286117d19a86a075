package exchange

import (
	"strings"
	"testing"
)

func isQueryOld(q string) bool {
	for i := 0; i < len(q); i++ {
		if c := q[i]; c <= ' ' || c >= 0x7f || strings.IndexByte("\"#<>\\^`{|}", c) >= 0 {
			return false
		}
	}
	return true
}

func TestIsQuerySame(t *testing.T) {
	for c := 0; c < 256; c++ {
		s := "a" + string([]byte{byte(c)}) + "b"
		if isQuery(s) != isQueryOld(s) {
			t.Errorf("byte %#x: new %v old %v", c, isQuery(s), isQueryOld(s))
		}
	}
}

// TestCheckTargetAgrees: CheckTarget accepts exactly what ParseTarget
// accepts, its quick scan included.
func TestCheckTargetAgrees(t *testing.T) {
	urls := []string{
		"http://127.0.0.1:80/apps/1/events?a=b", "http://127.0.0.1:80/apps/1/events?a=b#x", "http://127.0.0.1:80/apps/1/ev ents?a=b",
		"http://127.0.0.1:80/apps/1/ev%20ents?a=b", "http://127.0.0.1:80/apps/1/events?a=<b>", "http://127.0.0.1:80/apps/1/ev'(*)!ents?a=b",
		"http://127.0.0.1:80", "http://127.0.0.1:80?x", "http://127.0.0.1:80//x?y", "http://127.0.0.1:80/ü", "http://127.0.0.1:80/a\x7f",
		"http://u@127.0.0.1:80/a", "http://127.0.0.1:80/a?b=c&d=%zz", "http://127.0.0.1:80/a[b]?c",
		"https://api-eu.pusher.com/apps/1/events?auth_key=k", "http://h:/a", "http://host:+80/a", "http://[::1/a", "http://[::1]:80/a",
		"http://h\x00/a", "http://a\\b/c", "ftp://h/a", "http:///a", "http://h:80",
	}
	for _, u := range urls {
		_, want := ParseTarget(u)
		got := CheckTarget(u)
		if (got == nil) != (want == nil) {
			t.Errorf("%q: CheckTarget %v, ParseTarget %v", u, got, want)
		}
		if isPlainTarget(u) && want != nil {
			t.Errorf("%q: the quick scan accepts what ParseTarget refuses: %v", u, want)
		}
	}
	if !isPlainTarget(urls[len(urls)-10]) {
		t.Error("the quick scan refuses the URL a client builds")
	}
}

func BenchmarkIsQuery(b *testing.B) {
	q := "auth_key=278d425bdf160c739803&auth_timestamp=1353088179&auth_version=1.0&body_md5=ec365a775a4cd0599faeb73354201b6f&auth_signature=da454824c97ba181a32ccc17a72625ba02771f50b50e1e7430e47a1f3f457e6c"
	b.Run("old", func(b *testing.B) {
		for b.Loop() {
			isQueryOld(q)
		}
	})
	b.Run("table", func(b *testing.B) {
		for b.Loop() {
			isQuery(q)
		}
	})
	u := "http://127.0.0.1:8080/apps/1/events?" + q
	b.Run("ParseTarget", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, _ = ParseTarget(u)
		}
	})
	b.Run("CheckTarget", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = CheckTarget(u)
		}
	})
}
