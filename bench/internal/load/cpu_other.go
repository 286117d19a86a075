//go:build !linux

package load

import "time"

// ProcessCPU is not measured off Linux: it reports zero, and the harness's
// CPU columns read 0.
func ProcessCPU() time.Duration { return 0 }
