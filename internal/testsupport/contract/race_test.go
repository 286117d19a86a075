//go:build race

package contract_test

// raceEnabled is true in a build with the race detector.
const raceEnabled = true
