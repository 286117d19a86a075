#!/bin/sh
# instructions.sh prints the instructions one op of each named benchmark
# executes, counted by valgrind's cachegrind: a figure that does not move
# with the machine's load, for changes too small to see in timings.
#
#   sh bench/instructions.sh ./bench/internal/load 'NoKernelRaw NoKernelSDK'
#
# Each benchmark runs twice, at 20000 and 120000 iterations, with
# GOMAXPROCS=1 and GOGC=off (no scheduler spinning, no collection); the
# difference over the 100000 extra iterations is one op's count, start-up
# excluded. valgrind has no SHA-NI, so crypto/sha256 runs its AVX2 code
# there: counts compare builds of one benchmark, not wall time.
set -eu
pkg=$1
benches=$2
bin=$(mktemp)
trap 'rm -f "$bin"' EXIT
go test -c -o "$bin" "$pkg"
count() { # bench iterations
	GOMAXPROCS=1 GOGC=off valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
		"$bin" -test.run '^$' -test.bench "^Benchmark$1\$" -test.benchtime "$2x" 2>&1 |
		awk '/I *refs:/ { gsub(",", "", $4); print $4 }'
}
echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . || echo ' (with uncommitted changes)')"
for b in $benches; do
	lo=$(count "$b" 20000)
	hi=$(count "$b" 120000)
	echo "$b: $(((hi - lo) / 100000)) instructions/op"
done
