package web

import (
	"bytes"
	"crypto/subtle"
	"encoding/json"
	"hash/crc32"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/a-h/templ"
)

// Problem is an RFC 9457 problem detail.
type Problem struct {
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail"`
}

// problem writes an application/problem+json error with a sentence that says what to fix.
func problem(w http.ResponseWriter, status int, detail string) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(Problem{Type: "about:blank", Title: http.StatusText(status), Status: status, Detail: detail})
}

// fail writes the problem for an error, logging what is not the client's fault.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	status, msg := storeStatus(err)
	if status >= 500 {
		s.log.Error("request failed", "path", r.URL.Path, "err", err)
	}
	problem(w, status, msg)
}

// writeJSON writes v with Cache-Control for public data.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	if w.Header().Get("Cache-Control") == "" {
		w.Header().Set("Cache-Control", "public, max-age=30")
	}
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	enc.Encode(v)
}

// etag buffers small GET replies to send an ETag and answer If-None-Match with 304.
func etag(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet || isExport(r) {
			next.ServeHTTP(w, r)
			return
		}
		rec := &bufferedWriter{header: http.Header{}, status: http.StatusOK}
		bp := replyBuffers.Get().(*[]byte)
		rec.buf = (*bp)[:0]
		defer func() { putReplyBuffer(bp, rec.buf) }()
		next.ServeHTTP(rec, r)
		for k, v := range rec.header {
			w.Header()[k] = v
		}
		if rec.status == http.StatusOK {
			tag := etagOf(rec.buf)
			w.Header().Set("ETag", tag)
			if match := r.Header.Get("If-None-Match"); match != "" && (strings.Contains(match, tag) || strings.TrimSpace(match) == "*") {
				w.WriteHeader(http.StatusNotModified)
				return
			}
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(rec.buf)))
		w.WriteHeader(rec.status)
		w.Write(rec.buf)
	})
}

// etagOf names a reply by its length and CRC-32C, which the CPU computes in hardware (SHA-256
// took a tenth of the API's time). Two different replies of the same length get the same tag
// once in four billion: the cost is a client keeping a stale copy until its next change.
func etagOf(b []byte) string {
	var buf [32]byte
	t := append(buf[:0], '"')
	t = strconv.AppendInt(t, int64(len(b)), 36)
	t = append(t, '-')
	t = strconv.AppendUint(t, uint64(crc32.Checksum(b, castagnoli)), 36)
	return string(append(t, '"'))
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// replyBuffers recycles the buffers replies are built in.
var replyBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 64<<10); return &b }}

// putReplyBuffer gives a buffer back to the pool, unless one big reply made it too large to keep.
func putReplyBuffer(bp *[]byte, b []byte) {
	if cap(b) <= 1<<20 {
		*bp = b
		replyBuffers.Put(bp)
	}
}

type bufferedWriter struct {
	header http.Header
	status int
	buf    []byte
	wrote  bool
}

func (b *bufferedWriter) Header() http.Header { return b.header }

// AvailableBuffer gives the free space of the buffer, for a handler to build its reply in and
// pass to Write, which then copies nothing (as with bufio.Writer's).
func (b *bufferedWriter) AvailableBuffer() []byte { return b.buf[len(b.buf):] }

func (b *bufferedWriter) Write(p []byte) (int, error) {
	b.wrote = true
	if n := len(b.buf); len(p) > 0 && len(p) <= cap(b.buf)-n && &b.buf[:n+1][n] == &p[0] {
		b.buf = b.buf[:n+len(p)] // built in place
		return len(p), nil
	}
	b.buf = append(b.buf, p...)
	return len(p), nil
}
func (b *bufferedWriter) WriteHeader(status int) {
	if !b.wrote {
		b.status = status
	}
}

// render writes a page, answering 500 (logged) if it cannot.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, c templ.Component) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	var buf bytes.Buffer
	if err := c.Render(r.Context(), &buf); err != nil {
		s.log.Error("render", "path", r.URL.Path, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

func constantTimeEqual(a, b string) bool {
	return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

func itoa(n int) string { return strconv.Itoa(n) }
