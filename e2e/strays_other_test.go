//go:build e2e && !linux

package e2e

// adoptOrphans does nothing outside Linux.
func adoptOrphans() error { return nil }

// runningChildren is not checked outside Linux.
func runningChildren() ([]string, error) { return nil, nil }
