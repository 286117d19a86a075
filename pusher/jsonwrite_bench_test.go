package pusher

import (
	"testing"
	"time"
)

// BenchmarkAppendJSONString escapes the load harness's kind of event
// data: 100 bytes of JSON text, so a few quotes among plain ASCII.
func BenchmarkAppendJSONString(b *testing.B) {
	s := `{"t":` + time.Unix(1764631000, 123456789).Format("20060102150405.000000000") + `,"m":"` +
		"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" + `"}`
	buf := make([]byte, 0, 256)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		buf = appendJSONString(buf[:0], s)
	}
}
