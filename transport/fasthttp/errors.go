package fasthttp

import (
	"errors"
	"fmt"

	"github.com/go-pusher/channels/transport"
)

// adapterName prefixes this adapter's errors.
const adapterName = "transport/fasthttp"

// errNotBuilt is returned by a Doer that New did not build.
var errNotBuilt = errors.New(adapterName + ": Doer not built with New")

// errNilResponse is the cause of DoInto's error when it is lent no Response.
var errNilResponse = fmt.Errorf("%w: DoInto needs a Response to fill, got nil", transport.ErrInvalidRequest)
