package crypto_test

import (
	"bytes"
	"testing"
)

func benchmarkEncrypt(b *testing.B, size int) {
	mk := mustKey(b, nodeTestKeyBase64)
	pt := bytes.Repeat([]byte("a"), size)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := mk.Encrypt("private-encrypted-bench", pt, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func benchmarkAppendEnvelope(b *testing.B, size int) {
	mk := mustKey(b, nodeTestKeyBase64)
	pt := bytes.Repeat([]byte("a"), size)
	var dst []byte
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		var err error
		if dst, err = mk.AppendEnvelope(dst[:0], "private-encrypted-bench", pt, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func benchmarkDecrypt(b *testing.B, size int) {
	mk := mustKey(b, nodeTestKeyBase64)
	env, err := mk.Encrypt("private-encrypted-bench", bytes.Repeat([]byte("a"), size), nil)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := mk.Decrypt("private-encrypted-bench", env); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEncrypt1KiB(b *testing.B)         { benchmarkEncrypt(b, 1<<10) }
func BenchmarkEncrypt10KiB(b *testing.B)        { benchmarkEncrypt(b, 10<<10) }
func BenchmarkAppendEnvelope1KiB(b *testing.B)  { benchmarkAppendEnvelope(b, 1<<10) }
func BenchmarkAppendEnvelope10KiB(b *testing.B) { benchmarkAppendEnvelope(b, 10<<10) }
func BenchmarkDecrypt1KiB(b *testing.B)         { benchmarkDecrypt(b, 1<<10) }
func BenchmarkDecrypt10KiB(b *testing.B)        { benchmarkDecrypt(b, 10<<10) }

func BenchmarkSharedSecret(b *testing.B) {
	mk := mustKey(b, nodeTestKeyBase64)
	b.ReportAllocs()
	for b.Loop() {
		_ = mk.SharedSecret("private-encrypted-bench")
	}
}
