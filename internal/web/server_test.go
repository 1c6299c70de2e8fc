package web

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/kursk/kursk/internal/store"
)

func TestPanicIsA500WithoutStack(t *testing.T) {
	var logged bytes.Buffer
	s := &Server{log: slog.New(slog.NewTextHandler(&logged, nil))}
	h := s.observe(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { panic("broken invariant") }))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/claims", nil))
	if rec.Code != http.StatusInternalServerError || rec.Header().Get("Content-Type") != "application/problem+json" {
		t.Fatalf("got %d %s, want a 500 problem", rec.Code, rec.Header().Get("Content-Type"))
	}
	if strings.Contains(rec.Body.String(), "goroutine") || strings.Contains(rec.Body.String(), "broken invariant") {
		t.Errorf("the reply shows the panic: %s", rec.Body)
	}
	if !strings.Contains(logged.String(), "broken invariant") || !strings.Contains(logged.String(), "goroutine") {
		t.Errorf("the log lacks the panic and its stack: %s", logged.String())
	}
	if !strings.Contains(logged.String(), "status=500") {
		t.Errorf("the request is not logged as a 500: %s", logged.String())
	}
}

// A reply built in the buffer's free space is kept as it is; one that outgrew it is copied.
func TestBufferedWriterTakesRepliesBuiltInPlace(t *testing.T) {
	for _, size := range []int{10, 100} {
		w := &bufferedWriter{header: http.Header{}, buf: make([]byte, 0, 64)}
		w.Write([]byte("head:"))
		b := w.AvailableBuffer()
		b = append(b, strings.Repeat("x", size)...)
		w.Write(b)
		if want := "head:" + strings.Repeat("x", size); string(w.buf) != want {
			t.Errorf("size %d: got %q, want %q", size, w.buf, want)
		}
	}
}

func TestChartKeyIsTheFilterValues(t *testing.T) {
	a, b, c := 10.0, 10.0, 11.0
	key := func(min *float64) string { return chartKey(store.ClaimFilter{Kind: "killed", MinValue: min}) }
	if key(&a) != key(&b) {
		t.Errorf("equal bounds, different keys: %s, %s", key(&a), key(&b))
	}
	if key(&a) == key(&c) || key(&a) == key(nil) {
		t.Errorf("different bounds, one key: %s", key(&a))
	}
}

// Exports stream for as long as their client reads; every other request has a deadline.
func TestExportsAreNotCutByTheRequestTimeout(t *testing.T) {
	var hasDeadline bool
	h := timeouts(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, hasDeadline = r.Context().Deadline() }))
	for _, tc := range []struct {
		path, accept string
		deadline     bool
	}{{"/api/v1/claims", "", true}, {"/api/v1/claims.csv", "", false}, {"/api/v1/claims", "application/x-ndjson", false}, {"/", "text/html", true}} {
		req := httptest.NewRequest("GET", tc.path, nil)
		req.Header.Set("Accept", tc.accept)
		h.ServeHTTP(httptest.NewRecorder(), req)
		if hasDeadline != tc.deadline {
			t.Errorf("%s (Accept %q): deadline %v, want %v", tc.path, tc.accept, hasDeadline, tc.deadline)
		}
	}
}
