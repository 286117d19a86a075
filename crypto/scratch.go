package crypto

import "sync"

// maxPooledScratch caps the buffers kept for reuse so that one huge message
// does not pin its buffer for the life of the key.
const maxPooledScratch = 64 << 10

// scratchPool lends the buffers a nonce and a sealed box are built in before
// they are base64-encoded into the envelope. It holds no secrets: the
// buffers only ever contain a nonce and ciphertext.
type scratchPool struct {
	pool sync.Pool // of *[]byte
}

// get returns a buffer of length n.
func (p *scratchPool) get(n int) *[]byte {
	if b, ok := p.pool.Get().(*[]byte); ok && cap(*b) >= n {
		*b = (*b)[:n]
		return b
	}
	b := make([]byte, n)
	return &b
}

// put returns b for reuse unless it is too large to keep.
func (p *scratchPool) put(b *[]byte) {
	if cap(*b) > maxPooledScratch {
		return
	}
	p.pool.Put(b)
}
