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

// gatherConn holds what is written to it while held is set. Only the goroutine serving the
// connection writes to it, so it needs no lock.
type gatherConn struct {
	net.Conn
	held *[]byte
}

func (c *gatherConn) Write(p []byte) (int, error) {
	if c.held != nil {
		*c.held = append(*c.held, p...)
		return len(p), nil
	}
	return c.Conn.Write(p)
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
// and body in one write when the connection came from Listener.
func writeWhole(w http.ResponseWriter, r *http.Request, b []byte) {
	c, ok := r.Context().Value(connKey{}).(*gatherConn)
	if !ok || len(b) < 4<<10 {
		w.Write(b) // a small reply leaves in one write anyway
		return
	}
	bp := replyBuffers.Get().(*[]byte)
	*bp = (*bp)[:0]
	c.held = bp
	w.Write(b)
	http.NewResponseController(w).Flush() // whatever net/http still buffers
	c.held = nil
	if _, err := c.Conn.Write(*bp); err != nil {
		c.Conn.Close() // the reply is lost: net/http must not take the connection as sound
	}
	putReplyBuffer(bp, *bp)
}
