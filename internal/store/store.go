// Package store keeps articles, outlets, claimants and claims in PostgreSQL: plain SQL next to
// the Go that runs it, one file per table family, and the schema migrations (goose, embedded).
package store

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"regexp"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgproto3"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/kursk/kursk/migrations"
)

// Store is the database behind kursk.
type Store struct {
	Pool *pgxpool.Pool
	// fixed runs the statements that have one best plan whatever their values (see
	// ClaimFilter.fixedPlan): its sessions plan a statement once and keep the plan, where Pool's
	// plan every execution for its values.
	fixed   *pgxpool.Pool
	settler *settler // recomputes pending questions in the background, when set
}

// Open connects to url and checks that the server answers.
func Open(ctx context.Context, url string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("store: bad database URL: %w", err)
	}
	// the pages, the API and an embedded River worker share the pool (River keeps a few
	// connections for itself); pool_max_conns in the URL overrides this
	if !strings.Contains(url, "pool_max_conns") {
		cfg.MaxConns = 32
	}
	if cfg.ConnConfig.ConnectTimeout == 0 || cfg.ConnConfig.ConnectTimeout > 5*time.Second {
		cfg.ConnConfig.ConnectTimeout = 5 * time.Second // a database that is down answers quickly with an error, not a hang
	}
	// the timeline's aggregates sort a few thousand rows per group set; keep them in memory
	if _, ok := cfg.ConnConfig.RuntimeParams["work_mem"]; !ok {
		cfg.ConnConfig.RuntimeParams["work_mem"] = "16MB"
	}
	// plan every query for its parameters: a generic plan for a date range or a claimant list is
	// often a scan of the whole table
	if _, ok := cfg.ConnConfig.RuntimeParams["plan_cache_mode"]; !ok {
		cfg.ConnConfig.RuntimeParams["plan_cache_mode"] = "force_custom_plan"
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("store: connect to %s: %w", Redact(url), err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("store: cannot reach PostgreSQL at %s: %s", Redact(url), lastLine(err))
	}
	fixedCfg := cfg.Copy()
	// as many as the other pool: with fewer, requests queue for a connection, and waking the
	// waiters cost the API a tenth of its CPU (connections are opened only as needed)
	fixedCfg.ConnConfig.RuntimeParams["plan_cache_mode"] = "force_generic_plan"
	// a page of claims is tens of kilobytes: read it in a few large reads, not 8 KB at a time
	fixedCfg.ConnConfig.BuildFrontend = func(r io.Reader, w io.Writer) *pgproto3.Frontend {
		return pgproto3.NewFrontend(bufio.NewReaderSize(r, 64<<10), w)
	}
	fixed, err := pgxpool.NewWithConfig(ctx, fixedCfg)
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("store: connect to %s: %w", Redact(url), err)
	}
	return &Store{Pool: pool, fixed: fixed}, nil
}

// Close stops the background settler, settles what is left, and releases the connections.
func (s *Store) Close() {
	if s.settler != nil {
		s.settler.cancel()
		<-s.settler.done
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		s.SettleChips(ctx) // best effort: what is left stays pending for the next process
		cancel()
	}
	s.Pool.Close()
	s.fixed.Close()
}

// Ping checks the database answers, for /readyz.
func (s *Store) Ping(ctx context.Context) error { return s.Pool.Ping(ctx) }

// lastLine keeps the last, most specific line of a multi-line driver error, so that a database
// that is down reads as one sentence.
func lastLine(err error) string {
	lines := strings.Split(strings.TrimSpace(err.Error()), "\n")
	last := strings.TrimSpace(lines[len(lines)-1])
	if i := strings.Index(last, "): "); i >= 0 && i < 80 {
		last = last[i+3:]
	}
	return last
}

var password = regexp.MustCompile(`(//[^:/@]+:)[^@]*@`)

// Redact hides the password of a database URL for messages.
func Redact(url string) string { return password.ReplaceAllString(url, "${1}***@") }

// Migrate runs goose: "up", "down" (one step), "status" (written to out) or "redo".
// River's own tables (the job queue) are migrated up with "up"; "down" leaves them alone.
func (s *Store) Migrate(ctx context.Context, command string, out io.Writer) error {
	db := stdlib.OpenDBFromPool(s.Pool)
	defer db.Close()
	if err := migrate(ctx, db, command, out); err != nil {
		return err
	}
	if command != "up" {
		return nil
	}
	m, err := rivermigrate.New(riverpgxv5.New(s.Pool), nil)
	if err != nil {
		return fmt.Errorf("store: river migrations: %w", err)
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("store: river migrations: %w", err)
	}
	return nil
}

func migrate(ctx context.Context, db *sql.DB, command string, out io.Writer) error {
	// a session lock keeps two processes that start together from migrating at once
	locker, err := lock.NewPostgresSessionLocker()
	if err != nil {
		return fmt.Errorf("store: migrations lock: %w", err)
	}
	provider, err := goose.NewProvider(goose.DialectPostgres, db, migrations.FS, goose.WithSessionLocker(locker))
	if err != nil {
		return fmt.Errorf("store: migrations: %w", err)
	}
	switch command {
	case "up":
		_, err = provider.Up(ctx)
	case "down":
		_, err = provider.Down(ctx)
		if errors.Is(err, goose.ErrNoNextVersion) {
			err = nil
		}
	case "status":
		var results []*goose.MigrationStatus
		results, err = provider.Status(ctx)
		for _, r := range results {
			applied := "pending"
			if r.State == goose.StateApplied {
				applied = "applied " + r.AppliedAt.Format("2006-01-02 15:04:05")
			}
			fmt.Fprintf(out, "%-40s %s\n", r.Source.Path, applied)
		}
	default:
		return fmt.Errorf("store: unknown migrate command %q (up, down, status)", command)
	}
	if err != nil {
		return fmt.Errorf("store: migrate %s: %w", command, err)
	}
	return nil
}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

// Slug makes the URL name of an outlet or claimant: "Russian Defense Ministry" -> "russian-defense-ministry".
func Slug(name string) string {
	s := nonSlug.ReplaceAllString(strings.ToLower(foldAccents(name)), "-")
	s = strings.Trim(s, "-")
	if s == "" {
		return "unknown"
	}
	if len(s) > 80 {
		s = strings.TrimRight(s[:80], "-")
	}
	return s
}

var accents = strings.NewReplacer("á", "a", "à", "a", "â", "a", "ä", "a", "é", "e", "è", "e", "ê", "e", "ë", "e",
	"í", "i", "ï", "i", "ó", "o", "ô", "o", "ö", "o", "ú", "u", "ü", "u", "ñ", "n", "ç", "c", "ł", "l", "ś", "s", "ż", "z", "ź", "z")

func foldAccents(s string) string { return accents.Replace(s) }

// NormAlias is how aliases compare: case, accents and punctuation ignored.
func NormAlias(s string) string {
	return strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(foldAccents(s)), " "), " ")
}

// inTx runs fn in a transaction, and again (up to 5 times in all) when PostgreSQL aborts it for
// a deadlock or a serialization failure: writers of articles at once update the same claimant
// and outlet counters and pending questions in orders that can cross, and PostgreSQL breaks
// such a cycle by failing one of them. fn must be safe to run again.
func (s *Store) inTx(ctx context.Context, fn func(pgx.Tx) error) error {
	for attempt := 1; ; attempt++ {
		err := pgx.BeginFunc(ctx, s.Pool, fn)
		var pgErr *pgconn.PgError
		if attempt == 5 || !errors.As(err, &pgErr) || (pgErr.Code != "40P01" && pgErr.Code != "40001") {
			return err
		}
		select { // a short, growing, uneven pause, so that the two do not meet again
		case <-time.After(time.Duration(attempt*attempt)*5*time.Millisecond + time.Duration(rand.Int64N(int64(5*time.Millisecond)))):
		case <-ctx.Done():
			return err
		}
	}
}
