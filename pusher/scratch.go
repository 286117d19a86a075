package pusher

import "github.com/go-pusher/channels/transport"

// callScratch is everything one call builds and receives in, taken from
// the client's pool once per call: the request body, an attempt's signed
// URL and the Request handed to the transport (which the transport
// contract lets the client reuse once Do has returned), and the Response
// lent to a transport with the fast path. A call takes one with getScratch
// and hands it back with putScratch once it is done with the answer:
// nothing taken from the lent Response's Body or Header may outlive that.
type callScratch struct {
	body []byte
	url  []byte
	req  transport.Request
	resp transport.Response
}

// newScratch is what the pool makes when it has none to give.
func newScratch() any {
	return &callScratch{body: make([]byte, 0, 1024), url: make([]byte, 0, 512)}
}

// maxPooled is the largest buffer a pooled callScratch keeps.
const maxPooled = 64 << 10

// getScratch takes a callScratch from the pool.
func (c *Client) getScratch() *callScratch { return c.scratches.Get().(*callScratch) }

// putScratch returns s to the pool. Its Request is cleared, so a Doer that
// kept it despite the contract sees an empty one rather than another
// call's; the lent Response's Header is dropped, as the fast path lends it
// with none (fastpath.Doer); a buffer that grew past maxPooled is let go.
func (c *Client) putScratch(s *callScratch) {
	s.req = transport.Request{}
	s.resp.Header = nil
	s.resp.Body = keepSmall(s.resp.Body) // replaced by the next answer, its capacity reused
	s.body = keepSmall(s.body)
	s.url = keepSmall(s.url)
	c.scratches.Put(s)
}

// keepSmall returns b, or nil when it is too large to keep.
func keepSmall(b []byte) []byte {
	if cap(b) > maxPooled {
		return nil
	}
	return b
}
