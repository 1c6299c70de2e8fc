package devdb

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/jackc/pgx/v5"
)

// TestDatabase gives a test package a fresh, empty database: in TEST_DATABASE_URL's server when
// that is set, else in a throwaway cluster of its own. cleanup drops it (and stops the cluster).
// When no PostgreSQL can be had, the error says what to install.
func TestDatabase(ctx context.Context, pkg string) (url string, cleanup func(), err error) {
	name := "kursk_test_" + regexp.MustCompile(`[^a-z0-9_]`).ReplaceAllString(strings.ToLower(pkg), "_") + fmt.Sprintf("_%d", os.Getpid())
	if admin := os.Getenv("TEST_DATABASE_URL"); admin != "" {
		if err := CreateDatabase(ctx, admin, name); err != nil {
			return "", nil, err
		}
		cfg, err := pgx.ParseConfig(admin)
		if err != nil {
			return "", nil, fmt.Errorf("devdb: TEST_DATABASE_URL: %w", err)
		}
		u := replaceDatabase(admin, cfg.Database, name)
		return u, func() {
			if conn, err := pgx.Connect(context.Background(), admin); err == nil {
				conn.Exec(context.Background(), "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)")
				conn.Close(context.Background())
			}
		}, nil
	}
	dir, err := os.MkdirTemp("", "kursk-pg-")
	if err != nil {
		return "", nil, fmt.Errorf("devdb: %w", err)
	}
	c, err := Open(filepath.Join(dir, "pg"))
	if err != nil {
		os.RemoveAll(dir)
		return "", nil, err
	}
	if err := c.Start("fsync=off", "synchronous_commit=off", "full_page_writes=off"); err != nil {
		os.RemoveAll(dir)
		return "", nil, err
	}
	stop := func() { c.Stop(); os.RemoveAll(dir) }
	if err := CreateDatabase(ctx, c.URL("postgres"), name); err != nil {
		stop()
		return "", nil, err
	}
	return c.URL(name), stop, nil
}

// replaceDatabase swaps the database name in a postgres:// URL.
func replaceDatabase(url, oldName, newName string) string {
	base, query, _ := strings.Cut(url, "?")
	if oldName != "" && strings.HasSuffix(base, "/"+oldName) {
		base = strings.TrimSuffix(base, oldName) + newName
	} else {
		base = strings.TrimSuffix(base, "/") + "/" + newName
	}
	if query != "" {
		return base + "?" + query
	}
	return base
}
