package devdb

import (
	"context"
	"fmt"
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

// TestClusterNeedsItsPassword: the superuser of the private cluster cannot be reached without
// the password kept beside it, and a cluster whose starter crashed is taken over and stopped.
func TestClusterNeedsItsPasswordAndIsTakenOver(t *testing.T) {
	if _, err := FindBinaries(); err != nil {
		t.Skip(err)
	}
	c, err := Open(filepath.Join(t.TempDir(), "pg"))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Stop() })
	ctx := context.Background()
	if conn, err := pgx.Connect(ctx, fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", c.Port)); err == nil {
		conn.Close(ctx)
		t.Error("the superuser got in without a password")
	}
	if st, err := os.Stat(c.passwordFile()); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("the password file: %v %v", st, err)
	}
	// a starter that died leaves the cluster running: the next Start owns it and stops it
	os.WriteFile(c.ownerFile(), []byte("999999\n"), 0o600)
	next := &Cluster{Dir: c.Dir, BinDir: c.BinDir, cred: c.cred, owner: c.owner}
	if err := next.Start(); err != nil {
		t.Fatal(err)
	}
	if !next.Started() {
		t.Fatal("a cluster left by a dead starter was not taken over")
	}
	if err := next.Stop(); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.RunningPort(); ok {
		t.Error("the taken-over cluster still runs after Stop")
	}
}
