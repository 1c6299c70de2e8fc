package web

import (
	"net"
	"net/http"
	"syscall"
)

// writeCorked writes a whole reply with the connection's socket corked (TCP_CORK): net/http
// writes a large reply in two calls (the headers with its first 4 KB, then the rest), and
// corked they leave as one transmission, so the client is woken once, not twice.
func writeCorked(w http.ResponseWriter, r *http.Request, b []byte) {
	c, ok := r.Context().Value(connKey{}).(*net.TCPConn)
	if !ok || len(b) < 4<<10 {
		w.Write(b)
		return
	}
	raw, err := c.SyscallConn()
	if err != nil {
		w.Write(b)
		return
	}
	cork := func(on int) {
		raw.Control(func(fd uintptr) { syscall.SetsockoptInt(int(fd), syscall.IPPROTO_TCP, syscall.TCP_CORK, on) })
	}
	cork(1)
	w.Write(b)
	cork(0)
}
