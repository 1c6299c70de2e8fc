package web

import (
	"context"
	"net"
	"net/http"
)

// Listener wraps the server's listener so that a whole reply can leave in one write: net/http
// writes a large reply in two calls (the headers with its first 4 KB, then the rest), which
// wakes the client twice. Replies sent with writeWhole are gathered and written at once.
func Listener(ln net.Listener) net.Listener { return gatherListener{ln} }

type gatherListener struct{ net.Listener }

func (l gatherListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &gatherConn{Conn: c}, nil
}

// gatherConn holds what is written to it while gathering. Only the goroutine serving the
// connection writes to it, so it needs no lock.
type gatherConn struct {
	net.Conn
	gathering bool
	body      []byte      // the reply being gathered: a write of its tail is held, not copied
	copied    []byte      // copies of the other writes (net/http reuses its buffer)
	held      net.Buffers // what to send, in order
}

func (c *gatherConn) Write(p []byte) (int, error) {
	if !c.gathering {
		return c.Conn.Write(p)
	}
	if len(p) > 0 && len(p) <= len(c.body) && &c.body[len(c.body)-len(p)] == &p[0] {
		c.held = append(c.held, p)
	} else {
		n := len(c.copied)
		c.copied = append(c.copied, p...) // a slice held from before a growth stays valid
		c.held = append(c.held, c.copied[n:])
	}
	return len(p), nil
}

// send writes what was gathered in one system call: writev on a socket, or else one write of
// it all joined.
func (c *gatherConn) send() error {
	held := c.held
	c.gathering, c.body, c.held, c.copied = false, nil, nil, c.copied[:0]
	switch c.Conn.(type) {
	case *net.TCPConn, *net.UnixConn:
		_, err := held.WriteTo(c.Conn)
		return err
	}
	var all []byte
	for _, b := range held {
		all = append(all, b...)
	}
	_, err := c.Conn.Write(all)
	return err
}

// CloseWrite lets net/http half-close a TCP connection it is giving up on, as it does
// unwrapped, so the client reads the error reply before the connection ends.
func (c *gatherConn) CloseWrite() error {
	if cw, ok := c.Conn.(interface{ CloseWrite() error }); ok {
		return cw.CloseWrite()
	}
	return nil
}

type connKey struct{}

// ConnContext keeps each request's connection in its context (http.Server.ConnContext), for
// writeWhole.
func ConnContext(ctx context.Context, c net.Conn) context.Context {
	return context.WithValue(ctx, connKey{}, c)
}

// writeWhole writes b, the whole body of a reply whose headers are set, and sends the headers
// and body in one write when the connection came from Listener, copying only what net/http
// buffered. b must not change until writeWhole returns.
func writeWhole(w http.ResponseWriter, r *http.Request, b []byte) {
	c, ok := r.Context().Value(connKey{}).(*gatherConn)
	if !ok || len(b) < 4<<10 {
		w.Write(b) // a small reply leaves in one write anyway
		return
	}
	c.gathering, c.body = true, b
	w.Write(b)
	http.NewResponseController(w).Flush() // whatever net/http still buffers
	if err := c.send(); err != nil {
		c.Conn.Close() // the reply is lost: net/http must not take the connection as sound
	}
}
