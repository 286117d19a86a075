#!/usr/bin/env bash
# scripts/govulncheck.sh — govulncheck against a vulnerability database built
# locally from the golang.org/x/vulndb module (vuln.go.dev is unreachable
# here, but the module proxy serves the database as a module).
set -euo pipefail
cd "$(dirname "$0")/.."
VULNDB_VERSION=v0.0.0-20261105234957-e22db6528018
GOVULNCHECK_VERSION=v1.9.0
cache="${XDG_CACHE_HOME:-$HOME/.cache}/go-pusher-vulndb/$VULNDB_VERSION"
if [ ! -f "$cache/index/db.json" ] && [ ! -f "$cache/index.json" ] && [ ! -d "$cache/ID" ]; then
  dir=$(go mod download -json "golang.org/x/vulndb@$VULNDB_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -d "$dir/data/osv" ] || { echo "vulndb module has no data/osv at $dir"; exit 1; }
  rm -rf "$cache"; mkdir -p "$cache"
  go run "golang.org/x/vulndb/cmd/indexdb@$VULNDB_VERSION" -vulns "$dir/data/osv" -out "$cache"
fi
go run "golang.org/x/vuln/cmd/govulncheck@$GOVULNCHECK_VERSION" -db "file://$cache" ./...
