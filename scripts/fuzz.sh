#!/usr/bin/env bash
# scripts/fuzz.sh — run every fuzz target in the module for a bounded time.
#
#   scripts/fuzz.sh [FUZZTIME]        e.g. scripts/fuzz.sh 3s (the default)
#
# Targets are found anew on every run (`go test -list '^Fuzz'` in each
# package whose tests declare one), so a new target is picked up without
# editing this script. Each runs alone: -run='^$' -fuzz='^Name$'. A target
# that fails leaves its crashing input under the package's
# testdata/fuzz/<Name>/ (go's default), where it becomes a regression seed
# that plain `go test` runs from then on; the script goes on with the other
# targets and exits non-zero at the end. FUZZFLAGS adds flags to every run
# (e.g. FUZZFLAGS=-race, slower but finds races in the code under test).
#
# Go before 1.27 sometimes fails a target with a bare "context deadline
# exceeded" just as -fuzztime runs out, having found nothing (the fuzz
# coordinator's shutdown race, golang/go#75804). Such a run, with no failing
# input written, is tried once more; if that ends the same way, the target's
# seed corpus is replayed and the target passes only if the replay does. Any
# other failure fails the target.
set -euo pipefail
cd "$(dirname "$0")/.."

fuzztime="${1:-3s}"
read -r -a extra <<<"${FUZZFLAGS:-}"

# Packages whose test files declare a fuzz target (go list skips testdata
# and directories without Go files, such as node_modules).
mapfile -t pkgs < <(
  go list -f '{{.ImportPath}} {{.Dir}}{{range .TestGoFiles}} {{.}}{{end}}{{range .XTestGoFiles}} {{.}}{{end}}' ./... |
    while read -r pkg dir files; do
      for f in $files; do
        if grep -q '^func Fuzz[A-Za-z0-9_]*(' "$dir/$f"; then echo "$pkg"; break; fi
      done
    done
)

log=$(mktemp)
trap 'rm -f "$log"' EXIT

# fuzz PKG NAME runs one target, its output teed to $log.
fuzz() {
  go test "${extra[@]}" -run='^$' -fuzz="^$2\$" -fuzztime="$fuzztime" "$1" 2>&1 | tee "$log"
  return "${PIPESTATUS[0]}"
}

# shutdown_race says whether the run in $log failed only by the fuzz
# coordinator's deadline race: no failing input, nothing else wrong.
shutdown_race() {
  grep -q '^    context deadline exceeded$' "$log" &&
    ! grep -qE 'Failing input written|^panic:|fuzz_test\.go:[0-9]+:|_test\.go:[0-9]+:' "$log"
}

failed=()
count=0
for pkg in "${pkgs[@]}"; do
  mapfile -t targets < <(go test -list '^Fuzz' "$pkg" | grep '^Fuzz' || true)
  for name in "${targets[@]}"; do
    count=$((count + 1))
    printf '=== fuzz %s %s (%s)\n' "$pkg" "$name" "$fuzztime"
    fuzz "$pkg" "$name" && continue
    if shutdown_race; then
      echo "fuzz.sh: $name hit the fuzz coordinator's deadline race (golang/go#75804); once more"
      fuzz "$pkg" "$name" && continue
      if shutdown_race && go test "${extra[@]}" -run="^${name}\$" "$pkg"; then
        echo "fuzz.sh: $name hit the deadline race again; its seed corpus replays clean"
        continue
      fi
    fi
    failed+=("$pkg $name")
  done
done

if [ "$count" -eq 0 ]; then
  echo "fuzz.sh: no fuzz targets found" >&2
  exit 1
fi
if [ "${#failed[@]}" -gt 0 ]; then
  printf 'fuzz.sh: %d of %d targets failed (crashers kept under testdata/fuzz/):\n' "${#failed[@]}" "$count" >&2
  printf '  %s\n' "${failed[@]}" >&2
  exit 1
fi
echo "fuzz.sh: $count targets passed, $fuzztime each"
