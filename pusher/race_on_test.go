//go:build race

package pusher_test

// raceEnabled is true under -race, where sync.Pool drops items at random,
// so allocation counts are not what a normal build makes.
const raceEnabled = true
