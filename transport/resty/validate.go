package resty

import "errors"

// errNotBuilt is returned by a Doer that New did not build.
var errNotBuilt = errors.New("transport/resty: Doer not built with New")
