// Package mocks holds gomock mocks of the ports (transport.Doer), generated
// by `go tool mockgen` from the go:generate line in package transport. It is
// for tests only; regenerate with `go generate ./transport/...`.
package mocks
