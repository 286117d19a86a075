package interop

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// InstallHint is the command that installs the Node side of the harness.
const InstallHint = "npm ci --prefix interop"

// requiredModules returns the files under interop/node_modules the harness runs.
func requiredModules() []string {
	return []string{
		"@soketi/soketi/dist/cli/cli.js",
		"uWebSockets.js/package.json",
		"pusher-js/package.json",
	}
}

// RepoRoot returns the directory holding go.mod, found by walking up from
// the working directory (a test runs in its package's directory). It fails
// the test when there is none.
func RepoRoot(t testing.TB) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatalf("interop: working directory: %v", err)
	}
	root, err := findRepoRoot(wd)
	if err != nil {
		t.Fatalf("interop: %v", err)
	}
	return root
}

// findRepoRoot walks up from dir to the first directory that has a go.mod.
func findRepoRoot(dir string) (string, error) {
	dir = filepath.Clean(dir)
	for {
		if fi, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil && !fi.IsDir() {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod in any parent directory")
		}
		dir = parent
	}
}

// InteropDir returns the absolute path of the repository's interop/
// directory after checking that node is on PATH and that the npm packages
// are installed. When they are not it fails the test (it never skips):
// whoever asked for the e2e tests must get a red run, told to run
// InstallHint from the repository root.
func InteropDir(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(RepoRoot(t), "interop")
	if err := checkInstalled(dir); err != nil {
		t.Fatalf("interop: %v", err)
	}
	return dir
}

// checkInstalled reports what is missing for the harness to run from dir.
func checkInstalled(dir string) error {
	if _, err := exec.LookPath("node"); err != nil {
		return fmt.Errorf("node is not on PATH (the e2e tests need Node.js 20): %w", err)
	}
	for _, m := range requiredModules() {
		p := filepath.Join(dir, "node_modules", filepath.FromSlash(m))
		if _, err := os.Stat(p); err != nil {
			return fmt.Errorf("%s is missing: run `%s` in the repository root", p, InstallHint)
		}
	}
	return nil
}
