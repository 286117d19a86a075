//go:build !race

package pusher_test

const raceEnabled = false
