// Package contract is the test suite every transport.Doer adapter must pass.
// It follows the contract written in package transport (see its package
// documentation) and proves it against httptest servers on 127.0.0.1.
//
// An adapter's test calls Run with a constructor that configures the
// response body cap to TestMaxBodyBytes:
//
//	func TestContract(t *testing.T) {
//		contract.Run(t, func(t *testing.T) transport.Doer {
//			return nethttp.New(nethttp.WithMaxBodyBytes(contract.TestMaxBodyBytes))
//		})
//	}
//
// An adapter that implements transport.ReusingDoer calls RunReusing too: it
// runs every check again through DoInto, with Responses lent from a pool
// as a client lends them, and then the checks proper to DoInto.
//
// Checks and ReusingChecks return the same checks as plain values, so a test can run them
// against a deliberately broken Doer and look at the failures.
package contract
