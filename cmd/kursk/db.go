package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/kursk/kursk/internal/devdb"
	"github.com/kursk/kursk/internal/store"
)

// database is an open store and, when it runs the private cluster, how to stop it.
type database struct {
	*store.Store
	URL     string
	cluster *devdb.Cluster
}

// Close closes the store and stops the private cluster if this process started it.
func (d *database) Close() {
	d.Store.Close()
	if d.cluster != nil {
		if err := d.cluster.Stop(); err != nil {
			fmt.Fprintln(os.Stderr, "kursk:", err)
		}
	}
}

func dataDir() string {
	if d := os.Getenv("KURSK_DATA"); d != "" {
		return d
	}
	return ".data"
}

// openDatabase connects to DATABASE_URL, or to the private cluster under ./.data/pg (started
// when it is not running), migrating it when migrate is set.
func openDatabase(ctx context.Context, migrate bool) (*database, error) {
	url := os.Getenv("DATABASE_URL")
	var cluster *devdb.Cluster
	if url == "" {
		c, err := devdb.Open(filepath.Join(dataDir(), "pg"))
		if errors.Is(err, devdb.ErrNoBinaries) {
			return nil, fmt.Errorf("%w\n(as root on Debian: apt-get install -y postgresql; `make run` does this for you)", err)
		}
		if err != nil {
			return nil, err
		}
		if err := c.Start(); err != nil {
			return nil, err
		}
		if c.Started() {
			cluster = c
		}
		if err := devdb.CreateDatabase(ctx, c.URL("postgres"), "kursk"); err != nil {
			stop(cluster)
			return nil, err
		}
		url = c.URL("kursk")
	}
	st, err := store.Open(ctx, url)
	if err != nil {
		stop(cluster)
		return nil, err
	}
	db := &database{Store: st, URL: url, cluster: cluster}
	if migrate {
		if err := st.Migrate(ctx, "up", os.Stdout); err != nil {
			db.Close()
			return nil, err
		}
	}
	return db, nil
}

func stop(c *devdb.Cluster) {
	if c != nil {
		c.Stop()
	}
}

// isTerminal reports whether f is a terminal, for progress lines.
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
