package load

import (
	"bytes"
	"errors"
	"net"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/valyala/fasthttp"
	"golang.org/x/sys/unix"
)

// loop is the Server's one goroutine, on an OS thread of its own: it waits
// on epoll (or, spinning, polls it without waiting), accepts connections,
// and reads, checks and answers every request, in turn.
type loop struct {
	s      *Server
	epfd   int
	lnfd   int
	spin   bool
	conns  map[int32]*pollConn
	events [64]unix.EpollEvent
	args   fasthttp.Args
	v      *verifier
	stop   atomic.Bool
	done   chan struct{}
}

// pollConn is one client connection and the bytes read from it that do
// not yet make a whole request.
type pollConn struct {
	fd  int
	buf []byte
}

// maxRequestBytes bounds a request; a client that sends more is cut off.
const maxRequestBytes = 1 << 20

// startLoop starts the Server's loop on ln's socket (a copy of it: ln may
// be closed once the loop has started).
func startLoop(s *Server, ln *net.TCPListener, spin bool) (*loop, error) {
	f, err := ln.File()
	if err != nil {
		return nil, err
	}
	lnfd, err := unix.Dup(int(f.Fd()))
	_ = f.Close()
	if err != nil {
		return nil, err
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

// close stops the loop, waits for it and closes every descriptor.
func (l *loop) close() {
	l.stop.Store(true)
	<-l.done
	l.closeAll()
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
// stats) run between polls that found nothing.
func (l *loop) run() {
	runtime.LockOSThread()
	defer close(l.done)
	timeout := 50
	if l.spin {
		timeout = 0
	}
	for !l.stop.Load() {
		start := time.Now()
		n, err := unix.EpollWait(l.epfd, l.events[:], timeout)
		if n <= 0 {
			if err != nil && !errors.Is(err, unix.EINTR) {
				return
			}
			if l.spin {
				runtime.Gosched()
			}
			continue
		}
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
			return // EAGAIN: no more
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
		size, answer := l.request(c.buf)
		if size == 0 {
			if len(c.buf) > maxRequestBytes {
				l.drop(c)
			}
			return
		}
		if answer == nil || !writeAll(c.fd, answer) {
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
	crlf           = []byte("\r\n")
	headerEnd      = []byte("\r\n\r\n")
	contentLength  = []byte("content-length:")
	answerOK       = []byte("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
	answerDenied   = []byte("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n")
	answerRefused  = []byte("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
	errUnparseable = errors.New("unparseable request")
)

// request parses the request at the start of b: it returns its size and
// the answer to write, size 0 while the request is incomplete, and a nil
// answer for one it cannot parse (the connection is then closed).
func (l *loop) request(b []byte) (size int, answer []byte) {
	end := bytes.Index(b, headerEnd)
	if end < 0 {
		return 0, nil
	}
	head := b[:end]
	line, fields, _ := bytes.Cut(head, crlf)
	method, rest, ok1 := bytes.Cut(line, []byte(" "))
	target, _, ok2 := bytes.Cut(rest, []byte(" "))
	bodyLen, err := contentLengthOf(fields)
	if !ok1 || !ok2 || err != nil {
		return len(b), nil
	}
	size = end + len(headerEnd) + bodyLen
	if len(b) < size {
		return 0, nil
	}
	path, query, _ := bytes.Cut(target, []byte("?"))
	l.args.ParseBytes(query)
	switch l.s.check(l.v, method, path, &l.args, b[end+len(headerEnd):size]) {
	case fasthttp.StatusOK:
		return size, answerOK
	case fasthttp.StatusUnauthorized:
		return size, answerDenied
	default:
		return size, answerRefused
	}
}

// contentLengthOf returns the Content-Length among the header lines of
// fields (0 if there is none).
func contentLengthOf(fields []byte) (int, error) {
	for len(fields) > 0 {
		var field []byte
		field, fields, _ = bytes.Cut(fields, crlf)
		if len(field) < len(contentLength) || !bytes.EqualFold(field[:len(contentLength)], contentLength) {
			continue
		}
		n, ok := parseDigits(bytes.TrimSpace(field[len(contentLength):]))
		if !ok || n > maxRequestBytes {
			return 0, errUnparseable
		}
		return int(n), nil
	}
	return 0, nil
}

// writeAll writes b to the non-blocking fd, retrying while the socket's
// buffer is full (a few bytes on loopback: it never is for long).
func writeAll(fd int, b []byte) bool {
	var deadline time.Time
	for len(b) > 0 {
		n, err := unix.Write(fd, b)
		if n > 0 {
			b = b[n:]
			continue
		}
		if !errors.Is(err, unix.EAGAIN) {
			return false
		}
		if deadline.IsZero() {
			deadline = time.Now().Add(5 * time.Second)
		} else if time.Now().After(deadline) {
			return false
		}
	}
	return true
}
