package redisdedupe_test

import (
	"testing"

	"go.uber.org/goleak"

	"github.com/go-pusher/channels/handler/internal/handlertest"
)

// TestMain checks that no test leaves a goroutine of ours or go-redis's
// behind.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m, handlertest.FasthttpGoroutines()...) }
