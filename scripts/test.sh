#!/usr/bin/env bash
# scripts/test.sh — the whole test suite, as the README's test command.
# It installs what the tests need on a fresh clone (Go modules; the npm
# packages of the interop suite when interop/node_modules is missing or older
# than the lock file; Debian packages such as redis-server when missing) and
# every server it uses is started by the tests themselves on 127.0.0.1 and
# stopped when they end.
set -euo pipefail
cd "$(dirname "$0")/.."
# go.mod's toolchain line names the patched Go release govulncheck asks for
# (go1.26.10); Go installs ship GOTOOLCHAIN=local, which would ignore it.
export GOTOOLCHAIN="${GOTOOLCHAIN_OVERRIDE:-auto}"

step() { printf '\n=== %s\n' "$*"; }

step "set-up: Go modules, npm packages, Debian packages"
scripts/setup.sh

step "gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' | grep -v '^mocks/') 2>/dev/null || true)
if [ -n "$unformatted" ]; then echo "gofmt would change:"; echo "$unformatted"; exit 1; fi

step "go vet"
go vet ./...
go vet -tags e2e ./...

step "go generate leaves no diff"
go generate ./...
if ! git diff --quiet -- mocks; then git diff --stat -- mocks; echo "go generate changed mocks/: commit the regenerated files"; exit 1; fi

step "the quickstart runs (the README's first command)"
go run ./examples/quickstart

step "unit tests (-race)"
go test -race -count=1 ./...

step "allocation tests (without -race, where allocation counts mean something)"
go test -count=1 -run 'Alloc' ./...

step "contract checks catch a Doer that races on purpose (skipped under -race)"
go test -count=1 -run 'TestChecksCatchBrokenDoers' ./internal/testsupport/contract/

step "end-to-end suite against soketi and pusher-js (-tags e2e)"
go test -race -count=1 -tags e2e -timeout 10m ./e2e/... ./internal/interop/...

step "fuzzing, a few seconds per target"
scripts/fuzz.sh "${FUZZTIME:-3s}"

step "govulncheck"
scripts/govulncheck.sh

echo
echo "all checks passed"
