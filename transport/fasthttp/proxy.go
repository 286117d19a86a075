package fasthttp

import (
	"fmt"
	"net"
	"time"

	"github.com/valyala/fasthttp"
	"github.com/valyala/fasthttp/fasthttpproxy"
)

// defaultConnectTimeout bounds a proxy's answer to CONNECT when the Doer
// has no timeout of its own.
const defaultConnectTimeout = 10 * time.Second

// envProxyDial returns the dial function of the client New builds: through
// the proxy that HTTP_PROXY, HTTPS_PROXY and NO_PROXY (or their lower-case
// forms) name, as read when it is called, else straight to the host, as
// net/http's ProxyFromEnvironment does; requests to localhost and loopback
// addresses never go through a proxy. A request to port 443 takes
// HTTPS_PROXY, any other HTTP_PROXY (a fasthttp dial function cannot see
// the scheme). CONNECT is bounded by connectTimeout (<= 0 means
// defaultConnectTimeout). A proxy setting that cannot be used fails every
// call with its error instead of silently going direct.
func envProxyDial(connectTimeout time.Duration) fasthttp.DialFunc {
	if connectTimeout <= 0 {
		connectTimeout = defaultConnectTimeout
	}
	d := &fasthttpproxy.Dialer{ConnectTimeout: connectTimeout}
	dial, err := d.GetDialFunc(true)
	if err != nil {
		err = fmt.Errorf("proxy from the environment: %w", err)
		return func(string) (net.Conn, error) { return nil, err }
	}
	return dial
}
