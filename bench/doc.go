// Package bench holds the SDK's end-to-end benchmarks (in its _test files)
// and, under cmd/loadharness, the load harness that measures each transport
// against hand-written raw clients, as asked by the performance issue. See
// README.md for how to run both and for the latest figures.
package bench
