package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"os/signal"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/kursk/kursk/internal/article"
	"github.com/kursk/kursk/internal/ingest"
	"github.com/kursk/kursk/internal/web"
	views "github.com/kursk/kursk/web"
)

func init() {
	dbCommands["serve"] = func(args []string) int { return runServe("serve", args) }
	dbCommands["up"] = func(args []string) int { return runServe("up", args) }
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func runServe(name string, args []string) int {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	addr := fs.String("addr", envOr("KURSK_ADDR", ":8080"), "listen address (KURSK_ADDR)")
	verbose := fs.Bool("v", os.Getenv("KURSK_LOG") == "debug", "log every request (KURSK_LOG=debug)")
	noWorker := fs.Bool("no-worker", false, "serve only; leave the ingest queue to `kursk worker` processes")
	workers := fs.Int("workers", 4, "ingest jobs worked at once by the embedded worker")
	fs.Usage = func() {
		if name == "up" {
			fmt.Fprint(fs.Output(), `usage: kursk up [flags]

Starts everything for a local run: the private PostgreSQL in ./.data/pg (unless DATABASE_URL
is set), migrations, the sample articles when the database is empty, and the server. Prints
the URL. Ctrl-C stops all of it.
`)
		} else {
			fmt.Fprint(fs.Output(), "usage: kursk serve [flags]\n\nServes the pages and the JSON API from a migrated database.\n")
		}
		fs.PrintDefaults()
	}
	args, code, stop := parseCommand(fs, args)
	if stop {
		return code
	}
	// a server's garbage is short-lived reply data: collect less often, within a memory ceiling
	// (GOGC and GOMEMLIMIT still override)
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(180 << 20)
	}
	level := slog.LevelInfo
	if *verbose {
		level = slog.LevelDebug
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer cancel()

	db, err := openDatabase(ctx, name == "up")
	if err != nil {
		fmt.Fprintf(os.Stderr, "kursk %s: %v\n", name, err)
		return 1
	}
	defer db.Close()
	if name == "up" {
		if err := loadSamples(ctx, db); err != nil {
			fmt.Fprintf(os.Stderr, "kursk up: sample articles: %v\n", err)
			return 1
		}
	}
	cfg := web.Config{Logger: log, RateLimit: 20, ChartTTL: time.Minute, PageTTL: 5 * time.Second}
	switch cfg.Window = os.Getenv("KURSK_WINDOW"); cfg.Window {
	case "", "week", "month":
	default:
		fmt.Fprintf(os.Stderr, "kursk %s: KURSK_WINDOW %q: use week or month\n", name, cfg.Window)
		return 2
	}
	if v := os.Getenv("KURSK_PAGE_CACHE"); v != "" {
		if cfg.PageTTL, err = time.ParseDuration(v); err != nil {
			fmt.Fprintf(os.Stderr, "kursk %s: KURSK_PAGE_CACHE %q is not a duration such as 5s (0 turns it off)\n", name, v)
			return 2
		}
	}
	if v := os.Getenv("KURSK_RATE_LIMIT"); v != "" {
		if cfg.RateLimit, err = strconv.ParseFloat(v, 64); err != nil {
			fmt.Fprintf(os.Stderr, "kursk %s: KURSK_RATE_LIMIT %q is not a number\n", name, v)
			return 2
		}
	}
	if cfg.TrustedProxies, err = web.ParseProxies(os.Getenv("KURSK_TRUSTED_PROXIES")); err != nil {
		fmt.Fprintf(os.Stderr, "kursk %s: KURSK_TRUSTED_PROXIES: %v\n", name, err)
		return 2
	}
	for _, t := range strings.Split(os.Getenv("KURSK_API_TOKENS"), ",") {
		if t = strings.TrimSpace(t); t != "" {
			cfg.Tokens = append(cfg.Tokens, t)
		}
	}
	if k := os.Getenv("KURSK_CURSOR_KEY"); k != "" {
		cfg.CursorKey = []byte(k)
	}
	n := *workers
	if *noWorker {
		n = 0
	}
	queue, err := newQueue(db, n, log)
	if err != nil {
		fmt.Fprintf(os.Stderr, "kursk %s: %v\n", name, err)
		return 1
	}
	queueHooks(&cfg, queue)
	if n > 0 {
		if err := queue.Client.Start(ctx); err != nil {
			fmt.Fprintf(os.Stderr, "kursk %s: start the worker: %v\n", name, err)
			return 1
		}
		defer stopQueue(queue)
		if name == "up" {
			// what an older extractor read is read again, in the background
			if k, err := queue.EnqueueReextract(ctx, false, time.Time{}); err != nil {
				log.Warn("queue re-extraction", "err", err)
			} else if k > 0 {
				fmt.Printf("kursk: re-reading %d articles that an older extractor read\n", k)
			}
		}
	}
	if a := os.Getenv("KURSK_PPROF"); a != "" {
		go servePprof(a, log)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(os.Stderr, "kursk %s: listen on %s: %v\n", name, *addr, err)
		return 1
	}
	srv := &http.Server{
		Handler:           web.New(db.Store, cfg),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	fmt.Printf("kursk is serving on %s\n", displayURL(ln.Addr()))
	select {
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			fmt.Fprintf(os.Stderr, "kursk %s: %v\n", name, err)
			return 1
		}
	case <-ctx.Done():
		fmt.Fprintln(os.Stderr, "kursk: shutting down: finishing requests in flight")
		shutdownCtx, stop := context.WithTimeout(context.Background(), 20*time.Second)
		defer stop()
		if err := srv.Shutdown(shutdownCtx); err != nil {
			fmt.Fprintf(os.Stderr, "kursk %s: shutdown: %v\n", name, err)
			return 1
		}
	}
	return 0
}

// servePprof serves Go's profiles on their own address (KURSK_PPROF, e.g. 127.0.0.1:6060),
// never on the public one.
func servePprof(addr string, log *slog.Logger) {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	log.Info("profiles served", "addr", "http://"+addr+"/debug/pprof/")
	if err := http.ListenAndServe(addr, mux); err != nil {
		log.Error("profiles", "err", err)
	}
}

// displayURL turns a listen address into the URL to open.
func displayURL(a net.Addr) string {
	host, port, _ := net.SplitHostPort(a.String())
	if host == "" || host == "::" || host == "0.0.0.0" {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}

// loadSamples ingests the sample articles built into the binary when the database has no article.
func loadSamples(ctx context.Context, db *database) error {
	st, err := db.Stats(ctx)
	if err != nil {
		return err
	}
	if st.Articles > 0 {
		fmt.Printf("kursk: database holds %d articles and %d claims\n", st.Articles, st.Claims)
		return nil
	}
	files, err := fs.Glob(views.Samples, "samples/*.txt")
	if err != nil {
		return err
	}
	var sum ingest.Summary
	for _, f := range files {
		data, err := fs.ReadFile(views.Samples, f)
		if err != nil {
			return err
		}
		a, err := article.ParseText(data)
		if err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		res, err := ingest.Article(ctx, db.Store, a)
		if err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		if res.Created {
			sum.Created++
			sum.Claims += res.Claims
		}
	}
	fmt.Printf("kursk: loaded %d sample articles with %d claims\n", sum.Created, sum.Claims)
	return nil
}
