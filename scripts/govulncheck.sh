#!/usr/bin/env bash
# scripts/govulncheck.sh — govulncheck against a vulnerability database
# built locally from the golang.org/x/vulndb module: vuln.go.dev is
# unreachable here, but the Go module proxy serves the database as a module.
#
#   scripts/govulncheck.sh [govulncheck flags] [packages]   (default: ./...)
#   e.g. scripts/govulncheck.sh -show verbose ./...
#
# The tools are built once per version with `go install` and the index once
# per database version, both kept under the Go build cache
# ($(go env GOCACHE)/go-pusher-govulncheck, or $GOVULNCHECK_CACHE), so only
# the first run pays for them (tens of seconds); later runs cost the scan
# alone. Each is built in a temporary directory and moved into place only
# when complete, so an interrupted run never leaves a half-built index.
# The exit status is govulncheck's: 3 when the code calls a vulnerable
# symbol. Fix such a finding by upgrading (Go toolchain or module), never by
# silencing it.
set -euo pipefail
cd "$(dirname "$0")/.."

VULNDB_VERSION=v0.0.0-20261105234957-e22db6528018
GOVULNCHECK_VERSION=v1.9.0

cache="${GOVULNCHECK_CACHE:-$(go env GOCACHE)/go-pusher-govulncheck}"
mkdir -p "$cache/bin"

# tool PKG VERSION prints the path of PKG's binary at VERSION, building it
# the first time.
tool() {
  local pkg=$1 version=$2 name out tmp
  name=$(basename "$pkg")
  out="$cache/bin/$name@$version"
  if [ ! -x "$out" ]; then
    echo "govulncheck.sh: building $pkg@$version" >&2
    tmp=$(mktemp -d "$cache/tmp.XXXXXX")
    # Outside the module, so its go.mod is neither read nor touched.
    (cd "$tmp" && GOBIN="$tmp" GOFLAGS=-buildvcs=false go install "$pkg@$version")
    mv "$tmp/$name" "$out"
    rm -rf "$tmp"
  fi
  printf '%s\n' "$out"
}

db="$cache/db@$VULNDB_VERSION"
if [ ! -f "$db/index/db.json" ]; then
  indexdb=$(tool golang.org/x/vulndb/cmd/indexdb "$VULNDB_VERSION")
  echo "govulncheck.sh: indexing golang.org/x/vulndb@$VULNDB_VERSION" >&2
  src=$(cd "$cache" && go mod download -json "golang.org/x/vulndb@$VULNDB_VERSION" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
  [ -d "$src/data/osv" ] || { echo "govulncheck.sh: no data/osv in the vulndb module at '$src'" >&2; exit 1; }
  tmp=$(mktemp -d "$cache/tmp.XXXXXX")
  "$indexdb" -vulns "$src/data/osv" -out "$tmp/db"
  [ -f "$tmp/db/index/db.json" ] || { echo "govulncheck.sh: indexdb wrote no index/db.json" >&2; exit 1; }
  rm -rf "$db"
  mv "$tmp/db" "$db"
  rm -rf "$tmp"
fi

govulncheck=$(tool golang.org/x/vuln/cmd/govulncheck "$GOVULNCHECK_VERSION")
echo "govulncheck.sh: govulncheck $GOVULNCHECK_VERSION on $(go env GOVERSION), vulndb $VULNDB_VERSION" >&2
if [ $# -eq 0 ]; then set -- ./...; fi
exec "$govulncheck" -db "file://$db" "$@"
