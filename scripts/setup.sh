#!/usr/bin/env bash
# scripts/setup.sh — installs what the test suite needs, and nothing that is
# already there: Go modules, the npm packages of the interop suite (when
# interop/node_modules is missing or older than interop/package-lock.json),
# and the Debian packages listed below (when their command is missing).
# scripts/test.sh calls it first, so a fresh clone needs no manual step.
set -euo pipefail
cd "$(dirname "$0")/.."

go mod download

lock=interop/package-lock.json
stamp=interop/node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ "$lock" -nt "$stamp" ]; then
  echo "setup.sh: npm ci --prefix interop"
  npm ci --prefix interop --no-audit --no-fund
fi

# command package: each Debian package the tests start, by the command they run.
debs=()
for pair in ${SETUP_DEBIAN_PACKAGES:-redis-server:redis-server}; do
  cmd=${pair%%:*} pkg=${pair#*:}
  command -v "$cmd" >/dev/null 2>&1 || debs+=("$pkg")
done
if [ "${#debs[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup.sh: apt-get install ${debs[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${debs[@]}"
  # The package's own service is not wanted: the tests start their own
  # redis-server on a free 127.0.0.1 port.
  if command -v systemctl >/dev/null 2>&1; then $sudo systemctl disable --now redis-server >/dev/null 2>&1 || true; fi
  $sudo service redis-server stop >/dev/null 2>&1 || true
fi
