// Package contract holds the checks proper to the optional
// fastpath.Doer capability (DoInto), apart from the public Doer
// contract in transport/transporttest so that the capability can go
// without touching that package's API.
//
// An adapter with DoInto runs, beside transporttest.Run:
//
//	contract.RunReusing(t, func(t *testing.T) contract.ReusingDoer {
//		return nethttp.New(nethttp.WithMaxBodyBytes(transporttest.MaxBodyBytes))
//	})
package contract
