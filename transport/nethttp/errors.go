package nethttp

import "errors"

// adapterName prefixes this adapter's errors.
const adapterName = "transport/nethttp"

// errNotBuilt is returned by a Doer that New did not build.
var errNotBuilt = errors.New(adapterName + ": Doer not built with New")
