package devdb

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/jackc/pgx/v5"
)

func TestClusterStartReuseStop(t *testing.T) {
	if _, err := FindBinaries(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "pg")
	c, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Start("fsync=off"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Stop() })
	if !c.Started() {
		t.Fatal("first Start should launch the postmaster")
	}
	if err := CreateDatabase(ctx, c.URL("postgres"), "kursk"); err != nil {
		t.Fatal(err)
	}
	if err := CreateDatabase(ctx, c.URL("postgres"), "kursk"); err != nil {
		t.Fatalf("creating an existing database again should be a no-op: %v", err)
	}
	conn, err := pgx.Connect(ctx, c.URL("kursk"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, "CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)"); err != nil {
		t.Fatal(err)
	}
	conn.Close(ctx)

	// a second process opening the same directory reuses the running cluster
	again, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := again.Start(); err != nil {
		t.Fatal(err)
	}
	if again.Started() || again.Port != c.Port {
		t.Fatalf("second Start should reuse port %d, got started=%v port %d", c.Port, again.Started(), again.Port)
	}
	if err := again.Stop(); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.RunningPort(); !ok {
		t.Fatal("stopping a reused cluster must leave it running for its owner")
	}

	// stopped and started again, the data is still there
	if err := c.Stop(); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.RunningPort(); ok {
		t.Fatal("cluster still running after Stop")
	}
	third, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := third.Start("fsync=off"); err != nil {
		t.Fatal(err)
	}
	defer third.Stop()
	conn, err = pgx.Connect(ctx, third.URL("kursk"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var n int
	if err := conn.QueryRow(ctx, "SELECT n FROM kept").Scan(&n); err != nil || n != 42 {
		t.Fatalf("data lost across restart: n=%d err=%v", n, err)
	}
}

func TestReplaceDatabase(t *testing.T) {
	cases := map[string]string{
		"postgres://u@h:5432/postgres?sslmode=disable": "postgres://u@h:5432/x?sslmode=disable",
		"postgres://u@h:5432/":                         "postgres://u@h:5432/x",
	}
	for in, want := range cases {
		name := ""
		if cfg, err := pgx.ParseConfig(in); err == nil {
			name = cfg.Database
		}
		if got := replaceDatabase(in, name, "x"); got != want {
			t.Errorf("replaceDatabase(%q) = %q, want %q", in, got, want)
		}
	}
}
