package load

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/valyala/fasthttp"
	"golang.org/x/sys/unix"
)

// loop is the Server's one goroutine: it waits on epoll (or, spinning,
// polls it without waiting), accepts connections, and reads, checks and
// answers every request, in turn.
type loop struct {
	s         *Server
	epfd      int
	lnfd      int
	spin      bool
	conns     map[int32]*pollConn
	events    [64]unix.EpollEvent
	args      fasthttp.Args
	v         *verifier
	stop      atomic.Bool
	done      chan struct{}
	closeOnce sync.Once
}

// pollConn is one client connection and the bytes read from it that do
// not yet make a whole request.
type pollConn struct {
	fd  int
	buf []byte
}

// maxRequestBytes bounds a request; a client that sends more is cut off.
const maxRequestBytes = 1 << 20

// startLoop starts the Server's loop on a close-on-exec copy of ln's
// socket (ln may be closed once the loop has started).
func startLoop(s *Server, ln *net.TCPListener, spin bool) (*loop, error) {
	raw, err := ln.SyscallConn()
	if err != nil {
		return nil, err
	}
	lnfd := -1
	var dupErr error
	if err := raw.Control(func(fd uintptr) { lnfd, dupErr = unix.FcntlInt(fd, unix.F_DUPFD_CLOEXEC, 0) }); err != nil {
		return nil, err
	}
	if dupErr != nil {
		return nil, dupErr
	}
	if err := unix.SetNonblock(lnfd, true); err != nil {
		_ = unix.Close(lnfd)
		return nil, err
	}
	epfd, err := unix.EpollCreate1(unix.EPOLL_CLOEXEC)
	if err != nil {
		_ = unix.Close(lnfd)
		return nil, err
	}
	l := &loop{s: s, epfd: epfd, lnfd: lnfd, spin: spin, conns: map[int32]*pollConn{}, v: newVerifier(), done: make(chan struct{})}
	if err := l.watch(lnfd); err != nil {
		l.closeAll()
		return nil, err
	}
	go l.run()
	return l, nil
}

// watch adds fd to the epoll set, for reading.
func (l *loop) watch(fd int) error {
	return unix.EpollCtl(l.epfd, unix.EPOLL_CTL_ADD, fd, &unix.EpollEvent{Events: unix.EPOLLIN | unix.EPOLLRDHUP, Fd: int32(fd)})
}

// close stops the loop, waits for it and closes every descriptor, once.
func (l *loop) close() {
	l.closeOnce.Do(func() {
		l.stop.Store(true)
		<-l.done
		l.closeAll()
	})
}

func (l *loop) closeAll() {
	for _, c := range l.conns {
		_ = unix.Close(c.fd)
	}
	_ = unix.Close(l.epfd)
	_ = unix.Close(l.lnfd)
}

// run is the loop. Waiting, it wakes every 50 ms to see whether it must
// stop; spinning, it lets the process's other goroutines (the child's
// stats) run between polls that found nothing, on the same thread: the
// goroutine is not locked to it, so yielding with nothing else to run
// costs no thread switch. Busy counts the time from a poll's return to
// the end of the work it found.
func (l *loop) run() {
	defer close(l.done)
	timeout := 50
	if l.spin {
		timeout = 0
	}
	for !l.stop.Load() {
		n, err := unix.EpollWait(l.epfd, l.events[:], timeout)
		if n <= 0 {
			if err != nil && !errors.Is(err, unix.EINTR) {
				fmt.Fprintln(os.Stderr, "load server: epoll_wait:", err)
				return
			}
			if l.spin {
				runtime.Gosched()
			}
			continue
		}
		start := time.Now()
		for _, ev := range l.events[:n] {
			if int(ev.Fd) == l.lnfd {
				l.accept()
				continue
			}
			if c := l.conns[ev.Fd]; c != nil {
				l.serve(c)
			}
		}
		l.s.busy.Add(int64(time.Since(start)))
	}
}

// accept takes every connection waiting on the listener.
func (l *loop) accept() {
	for {
		fd, _, err := unix.Accept4(l.lnfd, unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC)
		if err != nil {
			if !errors.Is(err, unix.EAGAIN) {
				fmt.Fprintln(os.Stderr, "load server: accept:", err)
			}
			return
		}
		_ = unix.SetsockoptInt(fd, unix.IPPROTO_TCP, unix.TCP_NODELAY, 1)
		if l.watch(fd) != nil {
			_ = unix.Close(fd)
			continue
		}
		l.conns[int32(fd)] = &pollConn{fd: fd, buf: make([]byte, 0, 8192)}
		l.s.conns.Add(1)
	}
}

// serve reads what c has sent and answers every whole request in it; it
// closes c at end of stream, on an error or a request it cannot parse.
func (l *loop) serve(c *pollConn) {
	if cap(c.buf)-len(c.buf) < 4096 {
		c.buf = append(c.buf, make([]byte, 4096)...)[:len(c.buf)]
	}
	n, err := unix.Read(c.fd, c.buf[len(c.buf):cap(c.buf)])
	switch {
	case errors.Is(err, unix.EAGAIN):
		return
	case err != nil || n == 0:
		l.drop(c)
		return
	}
	c.buf = c.buf[:len(c.buf)+n]
	for {
		size, answer, last := l.request(c.buf)
		if size == 0 {
			if len(c.buf) > maxRequestBytes {
				l.drop(c)
			}
			return
		}
		if answer == nil || !l.writeAll(c.fd, answer) || last {
			l.drop(c)
			return
		}
		c.buf = c.buf[:copy(c.buf, c.buf[size:])]
	}
}

// drop closes c.
func (l *loop) drop(c *pollConn) {
	delete(l.conns, int32(c.fd))
	_ = unix.Close(c.fd)
}

var (
	crlf             = []byte("\r\n")
	headerEnd        = []byte("\r\n\r\n")
	contentLength    = []byte("content-length:")
	transferEncoding = []byte("transfer-encoding:")
	errUnparseable   = errors.New("unparseable request")
)

// request parses the request at the start of b: it returns its size and
// the answer to write, size 0 while the request is incomplete, and a nil
// answer for one it cannot parse. last says the connection must be closed
// after the answer: its framing (a Transfer-Encoding, which the harness's
// clients never send) is not one the server reads.
func (l *loop) request(b []byte) (size int, answer []byte, last bool) {
	end := bytes.Index(b, headerEnd)
	if end < 0 {
		return 0, nil, false
	}
	head := b[:end]
	line, fields, _ := bytes.Cut(head, crlf)
	method, rest, ok1 := bytes.Cut(line, []byte(" "))
	target, _, ok2 := bytes.Cut(rest, []byte(" "))
	if !ok1 || !ok2 || len(method) == 0 || len(target) == 0 {
		return len(b), nil, true
	}
	if headerField(fields, transferEncoding) != nil {
		l.s.requests.Add(1)
		l.s.badRequests.Add(1)
		return len(b), answerRefused, true
	}
	bodyLen, err := contentLengthOf(fields)
	if err != nil {
		return len(b), nil, true
	}
	size = end + len(headerEnd) + bodyLen
	if len(b) < size {
		return 0, nil, false
	}
	path, query, _ := bytes.Cut(target, []byte("?"))
	l.args.ParseBytes(query)
	switch l.s.check(l.v, method, path, &l.args, b[end+len(headerEnd):size]) {
	case fasthttp.StatusOK:
		return size, answerOK, false
	case fasthttp.StatusUnauthorized:
		return size, answerDenied, false
	default:
		return size, answerRefused, false
	}
}

// headerField returns the value of the first header line of fields whose
// name (lowercase, with its colon) is name, nil if there is none.
func headerField(fields, name []byte) []byte {
	for len(fields) > 0 {
		var field []byte
		field, fields, _ = bytes.Cut(fields, crlf)
		if len(field) >= len(name) && bytes.EqualFold(field[:len(name)], name) {
			return bytes.TrimSpace(field[len(name):])
		}
	}
	return nil
}

// contentLengthOf returns the Content-Length among the header lines of
// fields (0 if there is none).
func contentLengthOf(fields []byte) (int, error) {
	v := headerField(fields, contentLength)
	if v == nil {
		return 0, nil
	}
	n, ok := parseDigits(v)
	if !ok || n > maxRequestBytes {
		return 0, errUnparseable
	}
	return int(n), nil
}

// writeAll writes b to the non-blocking fd, waiting for room while the
// socket's buffer is full (a client that pipelines without reading): at
// most 5 s, and not once the Server is closing.
func (l *loop) writeAll(fd int, b []byte) bool {
	deadline := time.Now().Add(5 * time.Second)
	for len(b) > 0 {
		n, err := unix.Write(fd, b)
		if n > 0 {
			b = b[n:]
			continue
		}
		if !errors.Is(err, unix.EAGAIN) || l.stop.Load() || time.Now().After(deadline) {
			return false
		}
		_, _ = unix.Poll([]unix.PollFd{{Fd: int32(fd), Events: unix.POLLOUT}}, 100)
	}
	return true
}
