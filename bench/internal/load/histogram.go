package load

import (
	"fmt"
	"math"
	"strings"
	"sync/atomic"
	"time"
)

// Histogram counts durations in buckets 2 % wide, from 1 µs to over a
// minute, without allocating; it is safe for concurrent use.
type Histogram struct {
	buckets [histogramBuckets]atomic.Int64
}

const (
	histogramBuckets = 1000
	bucketGrowth     = 1.02
)

func bucketOf(d time.Duration) int {
	if d < time.Microsecond {
		return 0
	}
	i := int(math.Log(float64(d)/float64(time.Microsecond)) / math.Log(bucketGrowth))
	return min(i+1, histogramBuckets-1)
}

// bucketValue is the upper end of bucket i.
func bucketValue(i int) time.Duration {
	return time.Duration(float64(time.Microsecond) * math.Pow(bucketGrowth, float64(i)))
}

// Add counts d.
func (h *Histogram) Add(d time.Duration) { h.buckets[bucketOf(d)].Add(1) }

// Reset empties h.
func (h *Histogram) Reset() {
	for i := range h.buckets {
		h.buckets[i].Store(0)
	}
}

// Merge adds o's counts to h.
func (h *Histogram) Merge(o *Histogram) {
	for i := range o.buckets {
		if n := o.buckets[i].Load(); n != 0 {
			h.buckets[i].Add(n)
		}
	}
}

// Count is how many durations h holds.
func (h *Histogram) Count() int64 {
	var n int64
	for i := range h.buckets {
		n += h.buckets[i].Load()
	}
	return n
}

// Quantile is the duration below which fraction q of h's durations fall,
// to the bucket's 2 %; 0 for an empty h.
func (h *Histogram) Quantile(q float64) time.Duration {
	total := h.Count()
	if total == 0 {
		return 0
	}
	rank := int64(math.Ceil(q * float64(total)))
	var seen int64
	for i := range h.buckets {
		seen += h.buckets[i].Load()
		if seen >= rank {
			return bucketValue(i)
		}
	}
	return bucketValue(histogramBuckets - 1)
}

// String encodes h's non-empty buckets as "i:n,i:n", for the child's
// stats line; "-" when empty.
func (h *Histogram) String() string {
	var b strings.Builder
	for i := range h.buckets {
		if n := h.buckets[i].Load(); n != 0 {
			if b.Len() > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, "%d:%d", i, n)
		}
	}
	if b.Len() == 0 {
		return "-"
	}
	return b.String()
}

// parseHistogram reads what String wrote.
func parseHistogram(s string) (*Histogram, error) {
	h := new(Histogram)
	if s == "-" {
		return h, nil
	}
	for _, field := range strings.Split(s, ",") {
		var i int
		var n int64
		if _, err := fmt.Sscanf(field, "%d:%d", &i, &n); err != nil || i < 0 || i >= histogramBuckets {
			return nil, fmt.Errorf("bad histogram field %q", field)
		}
		h.buckets[i].Add(n)
	}
	return h, nil
}
