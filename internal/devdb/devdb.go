// Package devdb runs a private PostgreSQL cluster from the system's PostgreSQL binaries, for
// `kursk up` (in ./.data/pg) and for tests (in a temporary directory). It owns finding the
// binaries, initdb, start on a free loopback port, reuse of a running cluster, and stop.
package devdb

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
)

// ErrNoBinaries is returned when no PostgreSQL server binaries can be found.
var ErrNoBinaries = errors.New("devdb: no PostgreSQL server binaries found (looked for pg_ctl on PATH and under /usr/lib/postgresql/*/bin); install them, e.g. `apt-get install postgresql`, or set DATABASE_URL")

// Cluster is a PostgreSQL cluster in a directory of ours.
type Cluster struct {
	Dir     string // data directory
	BinDir  string // where initdb, pg_ctl and postgres live
	Port    int
	started bool // we started it, so Stop stops it
	cred    *syscall.Credential
	owner   *user.User
}

// FindBinaries returns the directory holding pg_ctl and initdb: PATH first, then the newest
// /usr/lib/postgresql/<version>/bin.
func FindBinaries() (string, error) {
	if p, err := exec.LookPath("pg_ctl"); err == nil {
		dir := filepath.Dir(p)
		if _, err := os.Stat(filepath.Join(dir, "initdb")); err == nil {
			return dir, nil
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return versionOf(dirs[i]) > versionOf(dirs[j]) })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	return "", ErrNoBinaries
}

func versionOf(binDir string) float64 {
	v, _ := strconv.ParseFloat(filepath.Base(filepath.Dir(binDir)), 64)
	return v
}

// Open prepares a cluster in dir: initdb when the directory holds none yet. It does not start it.
func Open(dir string) (*Cluster, error) {
	bin, err := FindBinaries()
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("devdb: %w", err)
	}
	c := &Cluster{Dir: abs, BinDir: bin}
	if os.Geteuid() == 0 {
		// initdb and postgres refuse to run as root: run them as the postgres user.
		u, err := user.Lookup("postgres")
		if err != nil {
			return nil, fmt.Errorf("devdb: running as root needs a `postgres` user to run PostgreSQL as: %w", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		c.cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
		c.owner = u
	}
	if err := os.MkdirAll(abs, 0o700); err != nil {
		return nil, fmt.Errorf("devdb: create %s: %w", abs, err)
	}
	if c.cred != nil {
		if err := c.handOver(abs); err != nil {
			return nil, err
		}
	}
	if _, err := os.Stat(filepath.Join(abs, "PG_VERSION")); err == nil {
		return c, nil
	}
	pw, err := c.newPassword()
	if err != nil {
		return nil, err
	}
	// the password goes to initdb in a file only the postgres user reads, removed at once
	pwfile := abs + ".initdb-password"
	if err := os.WriteFile(pwfile, []byte(pw+"\n"), 0o600); err != nil {
		return nil, fmt.Errorf("devdb: %w", err)
	}
	defer os.Remove(pwfile)
	if c.cred != nil {
		os.Chown(pwfile, int(c.cred.Uid), int(c.cred.Gid))
	}
	out, err := c.run("initdb", "-D", abs, "-U", "postgres", "--auth=scram-sha-256", "--pwfile="+pwfile, "--encoding=UTF8", "--locale=C", "--no-sync")
	if err != nil {
		return nil, fmt.Errorf("devdb: initdb in %s: %w: %s", abs, err, out)
	}
	return c, nil
}

// passwordFile holds the cluster's password, beside its data directory, readable only by the
// user that runs kursk: another local user cannot connect as the superuser.
func (c *Cluster) passwordFile() string { return c.Dir + ".password" }

// newPassword makes and records a random password for the cluster.
func (c *Cluster) newPassword() (string, error) {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("devdb: %w", err)
	}
	pw := hex.EncodeToString(b)
	if err := os.WriteFile(c.passwordFile(), []byte(pw+"\n"), 0o600); err != nil {
		return "", fmt.Errorf("devdb: record the password: %w", err)
	}
	return pw, nil
}

func (c *Cluster) password() string {
	b, _ := os.ReadFile(c.passwordFile())
	return strings.TrimSpace(string(b))
}

// requirePassword upgrades a running cluster made by an older kursk with trust authentication:
// it gets a password and scram-sha-256 for every connection.
func (c *Cluster) requirePassword() error {
	hba := filepath.Join(c.Dir, "pg_hba.conf")
	conf, err := os.ReadFile(hba)
	if err != nil || !trusts(string(conf)) {
		return nil
	}
	pw := c.password()
	if pw == "" {
		if pw, err = c.newPassword(); err != nil {
			return err
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", c.Port))
	if err != nil {
		return fmt.Errorf("devdb: set a password: %w", err)
	}
	_, err = conn.Exec(ctx, "ALTER ROLE postgres PASSWORD "+quoteLiteral(pw))
	conn.Close(ctx)
	if err != nil {
		return fmt.Errorf("devdb: set a password: %w", err)
	}
	lines := strings.Split(string(conf), "\n")
	for i, l := range lines {
		if f := strings.Fields(l); len(f) > 0 && !strings.HasPrefix(f[0], "#") && f[len(f)-1] == "trust" {
			lines[i] = strings.TrimSuffix(strings.TrimRight(l, " \t"), "trust") + "scram-sha-256"
		}
	}
	if err := os.WriteFile(hba, []byte(strings.Join(lines, "\n")), 0o600); err != nil {
		return fmt.Errorf("devdb: %w", err)
	}
	if out, err := c.run("pg_ctl", "reload", "-D", c.Dir); err != nil {
		return fmt.Errorf("devdb: pg_ctl reload: %w: %s", err, out)
	}
	return nil
}

// trusts reports a pg_hba.conf with a rule that lets anyone in without a password.
func trusts(conf string) bool {
	for _, l := range strings.Split(conf, "\n") {
		if f := strings.Fields(l); len(f) > 0 && !strings.HasPrefix(f[0], "#") && f[len(f)-1] == "trust" {
			return true
		}
	}
	return false
}

func quoteLiteral(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// handOver makes dir owned by the postgres user and its parents traversable by it.
func (c *Cluster) handOver(dir string) error {
	if err := os.Chown(dir, int(c.cred.Uid), int(c.cred.Gid)); err != nil {
		return fmt.Errorf("devdb: chown %s: %w", dir, err)
	}
	for p := filepath.Dir(dir); p != "/" && p != "."; p = filepath.Dir(p) {
		st, err := os.Stat(p)
		if err != nil {
			return fmt.Errorf("devdb: %w", err)
		}
		if st.Mode().Perm()&0o001 == 0 {
			if err := os.Chmod(p, st.Mode().Perm()|0o011); err != nil {
				return fmt.Errorf("devdb: make %s traversable for postgres: %w", p, err)
			}
		}
	}
	return nil
}

func (c *Cluster) run(name string, args ...string) ([]byte, error) {
	cmd := exec.Command(filepath.Join(c.BinDir, name), args...)
	cmd.Dir = c.Dir
	cmd.Env = append(os.Environ(), "LC_ALL=C")
	if c.cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: c.cred}
		cmd.Env = append(cmd.Env, "HOME="+c.owner.HomeDir, "USER=postgres")
	}
	return cmd.CombinedOutput()
}

// RunningPort reports the port of a postmaster already serving this data directory, if any.
func (c *Cluster) RunningPort() (int, bool) {
	f, err := os.Open(filepath.Join(c.Dir, "postmaster.pid"))
	if err != nil {
		return 0, false
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if len(lines) < 4 {
		return 0, false
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(lines[0]))
	port, _ := strconv.Atoi(strings.TrimSpace(lines[3]))
	if pid <= 0 || port <= 0 || syscall.Kill(pid, 0) != nil {
		return 0, false
	}
	conn, err := net.DialTimeout("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), time.Second)
	if err != nil {
		return 0, false
	}
	conn.Close()
	return port, true
}

// Start starts the cluster on a free loopback port, or reuses the postmaster already running it.
// settings are extra `-c name=value` server settings (tests turn fsync off).
func (c *Cluster) Start(settings ...string) error {
	if port, ok := c.RunningPort(); ok {
		c.Port = port
		// a postmaster whose starter is gone (a crashed kursk up) is taken over: stopped on Stop
		if !ownerAlive(c.ownerFile()) {
			c.started = true
			c.recordOwner()
		}
		return c.requirePassword()
	}
	port := c.Port // a cluster started again keeps its port, so its clients find it
	if port == 0 {
		var err error
		if port, err = freePort(); err != nil {
			return fmt.Errorf("devdb: find a free port: %w", err)
		}
	}
	opts := fmt.Sprintf("-p %d -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200", port)
	for _, s := range settings {
		opts += " -c " + s
	}
	logFile := filepath.Join(c.Dir, "server.log")
	out, err := c.run("pg_ctl", "start", "-D", c.Dir, "-w", "-t", "60", "-l", logFile, "-o", opts)
	if err != nil {
		tail, _ := os.ReadFile(logFile)
		if len(tail) > 2000 {
			tail = tail[len(tail)-2000:]
		}
		return fmt.Errorf("devdb: pg_ctl start: %w: %s\n%s", err, out, tail)
	}
	c.Port = port
	c.started = true
	c.recordOwner()
	return c.requirePassword()
}

// ownerFile names the process that started the running postmaster and will stop it.
func (c *Cluster) ownerFile() string { return c.Dir + ".owner" }

func (c *Cluster) recordOwner() {
	os.WriteFile(c.ownerFile(), []byte(strconv.Itoa(os.Getpid())+"\n"), 0o600)
}

// ownerAlive reports whether the process named in an owner file still runs.
func ownerAlive(file string) bool {
	b, err := os.ReadFile(file)
	if err != nil {
		return false
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	return err == nil && pid > 0 && syscall.Kill(pid, 0) == nil
}

// Started reports whether Start launched the postmaster (rather than reusing one).
func (c *Cluster) Started() bool { return c.started }

// Stop stops the postmaster if this Cluster started it.
func (c *Cluster) Stop() error {
	if !c.started {
		return nil
	}
	c.started = false
	os.Remove(c.ownerFile())
	if out, err := c.run("pg_ctl", "stop", "-D", c.Dir, "-m", "fast", "-w"); err != nil {
		return fmt.Errorf("devdb: pg_ctl stop: %w: %s", err, out)
	}
	return nil
}

// URL returns the connection URL of database name on this cluster.
func (c *Cluster) URL(name string) string {
	return fmt.Sprintf("postgres://postgres:%s@127.0.0.1:%d/%s?sslmode=disable", c.password(), c.Port, name)
}

// CreateDatabase creates database name if it does not exist yet.
func CreateDatabase(ctx context.Context, adminURL, name string) error {
	conn, err := pgx.Connect(ctx, adminURL)
	if err != nil {
		return fmt.Errorf("devdb: connect %s: %w", adminURL, err)
	}
	defer conn.Close(ctx)
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return fmt.Errorf("devdb: look up database %s: %w", name, err)
	}
	if exists {
		return nil
	}
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		return fmt.Errorf("devdb: create database %s: %w", name, err)
	}
	return nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
