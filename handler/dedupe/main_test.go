package dedupe_test

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain checks that the memory store starts no goroutine.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
