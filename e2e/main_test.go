//go:build e2e

package e2e

import (
	"fmt"
	"os"
	"testing"
)

// TestMain runs the suite, then fails it if any process the suite started
// (soketi, a pusher-js subscriber, or anything they started) is still
// running: interop stops each at cleanup, and this proves it did.
func TestMain(m *testing.M) {
	if err := adoptOrphans(); err != nil {
		fmt.Fprintf(os.Stderr, "e2e: %v\n", err)
		os.Exit(2)
	}
	code := m.Run()
	left, err := runningChildren()
	switch {
	case err != nil:
		fmt.Fprintf(os.Stderr, "e2e: listing child processes: %v\n", err)
		code = 1
	case len(left) > 0:
		fmt.Fprintf(os.Stderr, "e2e: processes still running after the suite:\n")
		for _, p := range left {
			fmt.Fprintf(os.Stderr, "  %s\n", p)
		}
		code = 1
	}
	os.Exit(code)
}
