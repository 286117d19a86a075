// Package transporttest checks that a transport.Doer keeps the contract
// written in package transport, in the manner of testing/fstest: TestDoer
// returns what failed, Run reports each check as a subtest.
//
// Every check starts its own servers on 127.0.0.1 and proves one promise:
// methods, headers and bodies arrive and come back unchanged; a 4xx, 5xx
// or 3xx is a Response, not an error, and redirects are not followed; the
// request-target goes on the wire byte for byte; ctx deadlines and
// cancellation end a call promptly, and a done ctx sends nothing; a reset
// connection is an error and is not retried; response bodies are capped
// (MaxBodyBytes); Responses are the caller's and Requests are left
// untouched; connections are reused; bad input is an error, never a panic,
// and no error shows the signed query.
//
// An adapter of one's own runs it from a test:
//
//	func TestContract(t *testing.T) {
//		transporttest.Run(t, func(t *testing.T) transport.Doer {
//			return mydoer.New(mydoer.WithMaxBodyBytes(transporttest.MaxBodyBytes))
//		})
//	}
package transporttest
