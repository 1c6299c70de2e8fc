package web

import (
	"io"
	"net"
	"net/http"
	"strings"
	"syscall"
	"testing"
)

// Replies written corked arrive whole, and the socket is uncorked after each: a cork left on
// would hold the next reply's last bytes back for 200 ms.
func TestCorkedRepliesArriveWholeAndUncorked(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	corkAfter := make(chan int, 10)
	srv := &http.Server{ConnContext: ConnContext, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := len(r.URL.Query().Get("size"))
		writeCorked(w, r, []byte(strings.Repeat("k", n*1000)))
		raw, _ := r.Context().Value(connKey{}).(*net.TCPConn).SyscallConn()
		raw.Control(func(fd uintptr) {
			v, _ := syscall.GetsockoptInt(int(fd), syscall.IPPROTO_TCP, syscall.TCP_CORK)
			corkAfter <- v
		})
	})}
	go srv.Serve(ln)
	defer srv.Close()
	for _, size := range []string{"x", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"} {
		res, err := http.Get("http://" + ln.Addr().String() + "/?size=" + size)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if len(body) != len(size)*1000 || strings.Trim(string(body), "k") != "" {
			t.Errorf("%d bytes written, %d read", len(size)*1000, len(body))
		}
		if v := <-corkAfter; v != 0 {
			t.Errorf("%d bytes: the socket is still corked after the reply", len(size)*1000)
		}
	}
}
