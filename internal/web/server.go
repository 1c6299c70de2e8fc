// Package web serves kursk over HTTP: the chi router, the page handlers (templ), the JSON API
// under /api/v1 and the middleware around them. Routes are declared in one place, in New.
package web

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/jackc/pgx/v5/pgconn"
	"golang.org/x/time/rate"

	"github.com/kursk/kursk/internal/store"
	views "github.com/kursk/kursk/web"
)

// Config is what the server needs besides the store.
type Config struct {
	Tokens    []string // bearer tokens allowed to write; none: writes are off
	RateLimit float64  // API requests per second per client; 0 turns the limit off
	Burst     int
	Logger    *slog.Logger
	CursorKey []byte        // signs pagination cursors; random when empty
	ChartTTL  time.Duration // how long page charts are reused; 0 draws them fresh every time
	PageTTL   time.Duration // how long a rendered page is served again to everyone; 0 renders each time
	Window    string        // the span of one question: week (default) or month
	// TrustedProxies are the proxies whose X-Forwarded-For names the client (for the rate
	// limit and the log); without any, the client is the connection's peer.
	TrustedProxies []netip.Prefix
	// Enqueue takes an article posted to the API; nil: posting is off.
	Enqueue func(ctx context.Context, a PostedArticle) (JobRef, error)
	// JobStatus reports a queued job for the polling URL.
	JobStatus func(ctx context.Context, id int64) (JobRef, error)
}

// Server holds the handlers' dependencies.
type Server struct {
	store     *store.Store
	cfg       Config
	log       *slog.Logger
	charts    *ttlCache
	names     *ttlCache // claimant names to ids, the filters' option lists
	claimants *ttlCache // every claimant's object by slug, for API replies (see everyClaimant)
	pages     *ttlCache // rendered pages by URL, for a few seconds
	records   *ttlCache // every claimant's track record, computed together
}

// New builds the router with every route of the HTTP surface.
func New(st *store.Store, cfg Config) http.Handler {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if len(cfg.CursorKey) == 0 {
		cfg.CursorKey = make([]byte, 32)
		rand.Read(cfg.CursorKey)
	}
	if cfg.Burst == 0 {
		cfg.Burst = int(cfg.RateLimit*2) + 1
	}
	s := &Server{store: st, cfg: cfg, log: cfg.Logger, charts: newTTLCache(cfg.ChartTTL), names: newTTLCache(10 * time.Second),
		claimants: newTTLCache(10 * time.Second), pages: newTTLCache(cfg.PageTTL), records: newTTLCache(trackRecordTTL)}
	r := chi.NewRouter()
	// no RealIP: a client could set X-Forwarded-For and slip past its rate limit (see client)
	r.Use(s.observe, securityHeaders, timeouts, s.validText, middleware.GetHead, compress)

	r.Get("/favicon.ico", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/static/favicon.svg", http.StatusMovedPermanently)
	})
	r.Get("/healthz", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok\n")) })
	r.Get("/readyz", s.readyz)
	static, _ := fs.Sub(views.Static, "static")
	r.Get("/static/*", http.StripPrefix("/static/", cacheStatic(staticFiles(http.FileServer(http.FS(static))))).ServeHTTP)

	r.Group(func(r chi.Router) {
		r.Use(s.cachePages)
		r.Get("/", s.timeline)
		r.Get("/disputes", s.disputes)
		r.Get("/questions/{key}", s.questionPage)
		r.Get("/claims/{id}", s.claimPage)
		r.Get("/articles/{id}", s.articlePage)
		r.Get("/claimants", s.claimantsPage)
		r.Get("/claimants/{slug}", s.claimantPage)
		r.Get("/sources", s.sourcesPage)
		r.Get("/sources/{slug}", s.sourcePage)
	})

	r.Get("/api/openapi.json", s.openAPI)
	r.Route("/api/v1", func(r chi.Router) {
		r.Use(cors, s.rateLimit(), etag)
		r.With(knownParams(claimParams...)).Get("/claims", s.apiClaims)
		r.With(knownParams(claimParams...)).Get("/claims.csv", s.apiClaimsCSV)
		r.With(knownParams()).Get("/claims/{id}", s.apiClaim)
		r.With(knownParams(articleParams...)).Get("/articles", s.apiArticles)
		r.With(knownParams()).Get("/articles/{id}", s.apiArticle)
		r.With(knownParams()).Get("/claimants", s.apiClaimants)
		r.With(knownParams()).Get("/claimants/{slug}", s.apiClaimant)
		r.With(knownParams()).Get("/sources", s.apiSources)
		r.With(knownParams(disputeParams...)).Get("/disputes", s.apiDisputes)
		r.With(knownParams("known_by")).Get("/questions/{key}", s.apiQuestion)
		r.With(knownParams(timelineParams...)).Get("/timeline", s.apiTimeline)
		r.Group(func(r chi.Router) {
			r.Use(s.requireToken, limitBody(1<<20))
			// jobs show what was posted and how fetching went: only for those who may post
			r.With(knownParams("state")).Get("/jobs", s.apiJobs)
			r.With(knownParams()).Get("/jobs/{id}", s.apiJob)
			r.Post("/articles", s.apiPostArticle)
			r.Post("/claimants/{slug}/aliases", s.apiPostAlias)
		})
		r.NotFound(func(w http.ResponseWriter, r *http.Request) {
			problem(w, http.StatusNotFound, "no such endpoint: see /api/openapi.json for the API")
		})
	})
	r.MethodNotAllowed(func(w http.ResponseWriter, req *http.Request) {
		allow := allowed(r, req.URL.Path)
		w.Header().Set("Allow", allow)
		problem(w, http.StatusMethodNotAllowed, fmt.Sprintf("this address does not take %s: use %s", req.Method, allow))
	})
	r.NotFound(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNotFound)
		views.NotFound("There is no page at this address.").Render(r.Context(), w)
	})
	return r
}

// cachedPage is a rendered page kept for PageTTL.
type cachedPage struct {
	contentType string
	body        []byte
	status      int         // set on a fresh rendering
	header      http.Header // set on a fresh rendering
}

// cachePages serves a page rendered in the last PageTTL again instead of rendering it anew:
// readers share the same pages and the data changes only when articles come in.
func (s *Server) cachePages(next http.Handler) http.Handler {
	if s.cfg.PageTTL <= 0 {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := r.URL.RequestURI() + "|" + r.Header.Get("HX-Request")
		w.Header().Set("Vary", "HX-Request")
		if v, ok := s.pages.peek(key); ok {
			p := v.(cachedPage)
			w.Header().Set("Content-Type", p.contentType)
			w.Header().Set("Content-Length", itoa(len(p.body)))
			w.Write(p.body)
			return
		}
		// readers of one page that is not cached wait for a single rendering of it
		v, _, _ := s.pages.flight.Do(key, func() (any, error) {
			rec := &bufferedWriter{header: http.Header{}, status: http.StatusOK}
			next.ServeHTTP(rec, r)
			p := cachedPage{status: rec.status, header: rec.header, body: rec.buf}
			if rec.status == http.StatusOK {
				s.pages.put(key, cachedPage{contentType: rec.header.Get("Content-Type"), body: p.body})
			}
			return p, nil
		})
		p := v.(cachedPage)
		if p.header == nil {
			w.Header().Set("Content-Type", p.contentType)
		}
		for k, vals := range p.header {
			w.Header()[k] = vals
		}
		w.Header().Set("Content-Length", itoa(len(p.body)))
		if p.status != 0 {
			w.WriteHeader(p.status)
		}
		w.Write(p.body)
	})
}

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.store.Ping(ctx); err != nil {
		problem(w, http.StatusServiceUnavailable, "the database does not answer")
		return
	}
	w.Write([]byte("ready\n"))
}

// timeouts cancels a request after 15 s, but not an export: that streams for as long as its
// client keeps reading (see keepWriting).
func timeouts(next http.Handler) http.Handler {
	limited := middleware.Timeout(15 * time.Second)(next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if isExport(r) {
			next.ServeHTTP(w, r)
			return
		}
		limited.ServeHTTP(w, r)
	})
}

// isExport tells the requests for a whole filtered set of claims: CSV or NDJSON.
func isExport(r *http.Request) bool {
	return strings.HasSuffix(r.URL.Path, ".csv") || wantsNDJSON(r)
}

func wantsNDJSON(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "application/x-ndjson")
}

// keepWriting gives an export another minute to write its next rows: a client that keeps
// reading gets the whole set, one that stops for a minute is let go.
func keepWriting(w http.ResponseWriter) {
	http.NewResponseController(w).SetWriteDeadline(time.Now().Add(time.Minute))
}

// requestSeq numbers requests for the log.
var requestSeq atomic.Uint64

// observe logs one line per request with its number, status and duration, and turns a panic
// into a 500 without a stack trace to the client (the stack goes to the log).
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start, id := time.Now(), requestSeq.Add(1)
		ww := middleware.NewWrapResponseWriter(w, r.ProtoMajor)
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("panic", "id", id, "value", v, "stack", string(debug.Stack()))
				problem(ww, http.StatusInternalServerError, "an internal error occurred; it has been logged")
			}
			level := slog.LevelDebug
			if ww.Status() >= 500 {
				level = slog.LevelError
			} else if ww.Status() == http.StatusUnauthorized || ww.Status() == http.StatusRequestEntityTooLarge || ww.Status() == http.StatusForbidden {
				level = slog.LevelWarn
			}
			if !s.log.Enabled(r.Context(), level) {
				return // spare building the record of every request
			}
			s.log.Log(r.Context(), level, "request", "id", id, "method", r.Method, "path", r.URL.Path,
				"status", ww.Status(), "bytes", ww.BytesWritten(), "ms", time.Since(start).Milliseconds(), "client", s.client(r))
		}()
		next.ServeHTTP(ww, r)
	})
}

// Header values set on most replies, in their canonical form and shared by all (net/http only
// reads them, and an append to a full slice copies it): no key is canonicalized and no value
// allocated per reply.
var (
	securityHeaderValues = map[string][]string{
		"Content-Security-Policy":    {"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
		"X-Content-Type-Options":     {"nosniff"},
		"X-Frame-Options":            {"DENY"},
		"Referrer-Policy":            {"strict-origin-when-cross-origin"},
		"Cross-Origin-Opener-Policy": {"same-origin"},
	}
	anyOrigin      = []string{"*"}
	exposedHeaders = []string{"ETag, Retry-After"}
	jsonType       = []string{"application/json"}
	publicFor30s   = []string{"public, max-age=30"}
)

// securityHeaders sends a Content-Security-Policy without 'unsafe-inline' and the usual headers.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		for k, v := range securityHeaderValues {
			h[k] = v
		}
		next.ServeHTTP(w, r)
	})
}

func cacheStatic(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		if name, ok := views.StaticName(r.URL.Path); ok {
			// a content-hashed name never changes: a year, immutable
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
			r2 := *r
			u := *r.URL
			u.Path = name
			r2.URL = &u
			r = &r2
		}
		next.ServeHTTP(w, r)
	})
}

// gzipper compresses text replies for clients that accept gzip.
var gzipper = middleware.Compress(5, "text/html", "text/css", "text/javascript", "application/javascript", "application/json",
	"application/problem+json", "image/svg+xml", "text/csv")

// compress gzips the replies of clients that ask for it; the others get the writer as it is
// (the API's hand-written list fills the etag middleware's buffer in place).
func compress(next http.Handler) http.Handler {
	zipped := gzipper(next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			zipped.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// cors opens GETs to every origin and keeps writes same-origin.
func cors(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet || r.Method == http.MethodHead {
			h := w.Header()
			h["Access-Control-Allow-Origin"] = anyOrigin
			h["Access-Control-Expose-Headers"] = exposedHeaders
		}
		if r.Method == http.MethodOptions {
			w.Header().Set("Access-Control-Allow-Origin", "*")
			w.Header().Set("Access-Control-Allow-Methods", "GET, HEAD")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// rateLimit answers 429 with Retry-After to a client over its share of requests per second.
func (s *Server) rateLimit() func(http.Handler) http.Handler {
	if s.cfg.RateLimit <= 0 {
		return func(next http.Handler) http.Handler { return next }
	}
	var mu sync.Mutex
	clients := map[string]*rate.Limiter{}
	lastSweep := time.Now()
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			host := s.client(r)
			mu.Lock()
			if time.Since(lastSweep) > time.Minute {
				clients = map[string]*rate.Limiter{} // forget idle clients; a fresh bucket is full anyway
				lastSweep = time.Now()
			}
			l, ok := clients[host]
			if !ok {
				l = rate.NewLimiter(rate.Limit(s.cfg.RateLimit), s.cfg.Burst)
				clients[host] = l
			}
			res := l.Reserve()
			delay := res.Delay()
			if delay > 0 {
				res.Cancel()
			}
			mu.Unlock()
			if delay > 0 {
				secs := int(delay/time.Second) + 1
				w.Header().Set("Retry-After", itoa(secs))
				problem(w, http.StatusTooManyRequests, "too many requests from this client: wait "+itoa(secs)+" s (see Retry-After)")
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// requireToken lets a write through only with a configured bearer token.
func (s *Server) requireToken(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if len(s.cfg.Tokens) == 0 {
			problem(w, http.StatusForbidden, "writes are turned off on this server: set KURSK_API_TOKENS to allow them")
			return
		}
		// the scheme is case-insensitive (RFC 9110): "bearer" and "BEARER" are Bearer
		scheme, token, _ := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
		token = strings.TrimSpace(token)
		if !strings.EqualFold(scheme, "Bearer") || token == "" {
			w.Header().Set("WWW-Authenticate", `Bearer realm="kursk"`)
			problem(w, http.StatusUnauthorized, "send a token: Authorization: Bearer <token>")
			return
		}
		for _, t := range s.cfg.Tokens {
			if constantTimeEqual(t, token) {
				next.ServeHTTP(w, r)
				return
			}
		}
		w.Header().Set("WWW-Authenticate", `Bearer realm="kursk", error="invalid_token"`)
		problem(w, http.StatusUnauthorized, "the token is not valid for this server")
	})
}

// limitBody refuses bodies over n bytes with 413.
func limitBody(n int64) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.ContentLength > n {
				problem(w, http.StatusRequestEntityTooLarge, "the body is larger than 1 MB")
				return
			}
			r.Body = http.MaxBytesReader(w, r.Body, n)
			next.ServeHTTP(w, r)
		})
	}
}

// storeStatus maps a store error to a status: 404, 503 when the database is unreachable, 500.
func storeStatus(err error) (int, string) {
	var inErr inputError
	var retired *store.RetiredError
	switch {
	case errors.As(err, &inErr):
		return http.StatusBadRequest, inErr.msg
	case errors.Is(err, store.ErrNotFound):
		return http.StatusNotFound, "not found"
	case errors.As(err, &retired):
		return http.StatusGone, fmt.Sprintf("claim %d is no longer extracted from its article: see /articles/%d for the claims found in it now", retired.ID, retired.ArticleID)
	case isUnavailable(err):
		return http.StatusServiceUnavailable, "the database is unavailable; try again shortly"
	case errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled):
		return http.StatusServiceUnavailable, "the request took too long; try again shortly"
	}
	return http.StatusInternalServerError, "an internal error occurred; it has been logged"
}

// isUnavailable reports a database that cannot be reached or is shutting down.
func isUnavailable(err error) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return strings.HasPrefix(pgErr.Code, "08") || strings.HasPrefix(pgErr.Code, "57P")
	}
	var netErr net.Error
	if errors.As(err, &netErr) {
		return true
	}
	var connErr *pgconn.ConnectError
	return errors.As(err, &connErr) || pgconn.Timeout(err) || strings.Contains(err.Error(), "connect")
}
