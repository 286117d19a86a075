package handlertest

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain checks that no handler leaves a goroutine behind, the renewal
// of a deduplication claim included.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m, FasthttpGoroutines()...) }
