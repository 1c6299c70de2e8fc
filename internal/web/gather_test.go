package web

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"strconv"
	"sync/atomic"
	"testing"
	"time"
)

// countingListener counts the writes made to the connections it accepts.
type countingListener struct {
	net.Listener
	writes atomic.Int64
}

func (l *countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	return countingConn{c, &l.writes}, err
}

type countingConn struct {
	net.Conn
	writes *atomic.Int64
}

func (c countingConn) Write(p []byte) (int, error) {
	c.writes.Add(1)
	return c.Conn.Write(p)
}

// pattern is n bytes that show any misplaced piece.
func pattern(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('a' + i/7%26)
	}
	return b
}

// A large reply leaves in one write, arrives whole, and the connection stops gathering after
// it: the next replies on it (small, large, chunked) arrive too. Sockets send with writev (a
// plain listener); other connections join the pieces (the counting one).
func TestWholeRepliesLeaveInOneWrite(t *testing.T) {
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.URL.Query().Get("kb"))
		body := pattern(n * 1000)
		if r.URL.Query().Has("chunked") {
			writeWhole(w, r, body)
			return
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(http.StatusOK)
		writeWhole(w, r, body)
	})
	for _, counting := range []bool{true, false} {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		counted := &countingListener{Listener: ln}
		srv := &http.Server{ConnContext: ConnContext, Handler: handler}
		if counting {
			go srv.Serve(Listener(counted))
		} else {
			go srv.Serve(Listener(ln))
		}
		client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxConnsPerHost: 1}} // a reply short of its length fails, not hangs
		for _, tc := range []struct {
			query     string
			kb        int
			maxWrites int64
		}{{"kb=70", 70, 1}, {"kb=1", 1, 1}, {"kb=300", 300, 1}, {"kb=50&chunked", 50, 2}, {"kb=20", 20, 1}} {
			before := counted.writes.Load()
			res, err := client.Get("http://" + ln.Addr().String() + "/?" + tc.query)
			if err != nil {
				t.Fatalf("%s: %v", tc.query, err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if !bytes.Equal(body, pattern(tc.kb*1000)) {
				t.Errorf("%s: %d bytes written, %d read, not the same", tc.query, tc.kb*1000, len(body))
			}
			if w := counted.writes.Load() - before; counting && w > tc.maxWrites {
				t.Errorf("%s: the reply took %d writes, want at most %d", tc.query, w, tc.maxWrites)
			}
		}
		srv.Close()
	}
}
