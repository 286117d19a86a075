// Package contract holds the checks proper to the client's internal fast
// path to an adapter (fastpath.Doer, DoInto, which only the fasthttp
// adapter has), apart from the public Doer contract in
// transport/transporttest.
//
// An adapter with DoInto runs, beside transporttest.Run:
//
//	contract.RunReusing(t, func(t *testing.T) contract.ReusingDoer {
//		return fasthttp.New(fasthttp.WithMaxBodyBytes(transporttest.MaxBodyBytes))
//	})
package contract
