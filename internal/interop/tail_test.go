package interop

import (
	"strings"
	"testing"
)

func TestTailBufferKeepsTheEnd(t *testing.T) {
	b := newTailBuffer(8)
	_, _ = b.Write([]byte("abc"))
	if got := b.String(); got != "abc" {
		t.Fatalf("got %q", got)
	}
	_, _ = b.Write([]byte("defgh"))
	if got := b.String(); got != "abcdefgh" {
		t.Fatalf("full buffer = %q", got)
	}
	_, _ = b.Write([]byte("ij"))
	got := b.String()
	if !strings.HasSuffix(got, "\ncdefghij") || !strings.Contains(got, "dropped") {
		t.Fatalf("after overflow = %q", got)
	}
	n, err := b.Write([]byte("0123456789"))
	if n != 10 || err != nil {
		t.Fatalf("Write = %d, %v", n, err)
	}
	if got := b.String(); !strings.HasSuffix(got, "\n23456789") {
		t.Fatalf("after a write longer than the buffer = %q", got)
	}
}
