#!/bin/sh
# run_benchmarks.sh writes benchstat-comparable benchmark results to
# bench/results/<name>.txt, each headed by "key: value" lines (machine, Go
# version, command) that benchstat reads as configuration.
#
#   sh bench/run_benchmarks.sh            # -count 6 (benchstat wants 6 for its intervals), every package
#   COUNT=10 sh bench/run_benchmarks.sh signing
#
# Compare a later run with: benchstat old.txt new.txt
set -eu
cd "$(dirname "$0")/.."
count=${COUNT:-6}
out=bench/results
mkdir -p "$out"
cpus=$(grep -c '^processor' /proc/cpuinfo 2>/dev/null || nproc)
model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -1)

run() { # name package
	file="$out/$1.txt"
	cmd="go test -run ^\$ -bench . -benchmem -count $count ./$2"
	echo "running $cmd > $file" >&2
	{
		echo "machine: $cpus CPUs, ${model:-unknown CPU}"
		echo "goversion: $(go env GOVERSION)"
		echo "command: $cmd"
		echo "loadavg: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
		go test -run '^$' -bench . -benchmem -count "$count" "./$2"
	} >"$file"
}

for spec in signing:signing sdk:bench nethttp:transport/nethttp resty:transport/resty fasthttp:transport/fasthttp; do
	name=${spec%%:*}
	if [ -z "${1:-}" ] || [ "$name" = "$1" ]; then
		run "$name" "${spec#*:}"
	fi
done
