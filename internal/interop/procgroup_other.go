//go:build !unix

package interop

import (
	"os"
	"os/exec"
)

// setProcessGroup does nothing where there are no process groups.
func setProcessGroup(*exec.Cmd) {}

// killProcessGroup kills p alone where there are no process groups.
func killProcessGroup(p *os.Process) error { return p.Kill() }
