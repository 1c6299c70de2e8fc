package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/kursk/kursk/internal/devdb"
)

// kurskBinary builds the command once for these tests.
func kurskBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "kursk")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

func needPostgres(t *testing.T) {
	if _, err := devdb.FindBinaries(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
}

// startUp runs `kursk up` and returns the URL it prints.
func startUp(t *testing.T, bin, data string) (*exec.Cmd, string, *strings.Builder) {
	t.Helper()
	cmd := exec.Command(bin, "up")
	cmd.Env = append(os.Environ(), "KURSK_DATA="+data, "KURSK_ADDR=127.0.0.1:0", "DATABASE_URL=")
	stdout, _ := cmd.StdoutPipe()
	var logs strings.Builder
	cmd.Stderr = &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	lines := bufio.NewScanner(stdout)
	var printed strings.Builder
	deadline := time.Now().Add(2 * time.Minute)
	for lines.Scan() && time.Now().Before(deadline) {
		line := lines.Text()
		printed.WriteString(line + "\n")
		if url, ok := strings.CutPrefix(line, "kursk is serving on "); ok {
			go io.Copy(io.Discard, stdout)
			return cmd, strings.TrimSpace(url), &printed
		}
	}
	t.Fatalf("kursk up never printed its URL:\n%s\n%s", printed.String(), logs.String())
	return nil, "", nil
}

func TestUpIngestAndStop(t *testing.T) {
	needPostgres(t)
	bin := kurskBinary(t)
	data := filepath.Join(t.TempDir(), "data")

	cmd, url, printed := startUp(t, bin, data)
	if !strings.Contains(printed.String(), "loaded 33 sample articles") {
		t.Errorf("first up should load the samples:\n%s", printed)
	}
	// the week of Syrskyi's 90 km² and the Defense Ministry's 0 km² shows their dispute
	res, err := http.Get(url + "?to=2025-06-29")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(page), "Disputed:") {
		t.Fatalf("timeline up to 29 June 2025: %d, no dispute", res.StatusCode)
	}

	// `kursk ingest` beside a running `kursk up` lands in the database it serves
	article := filepath.Join(t.TempDir(), "new.txt")
	os.WriteFile(article, []byte("Outlet: Test Wire\nPublished: 2025-07-02\n\nThe Ukrainian General Staff said on Wednesday that 31 clashes took place in the Kursk region.\n"), 0o644)
	ing := exec.Command(bin, "ingest", article)
	ing.Env = append(os.Environ(), "KURSK_DATA="+data, "DATABASE_URL=")
	if out, err := ing.CombinedOutput(); err != nil || !strings.Contains(string(out), "1 new") {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	res, err = http.Get(url + "api/v1/claims?kind=clashes&min_value=31&max_value=31")
	if err != nil {
		t.Fatal(err)
	}
	var got struct{ Data []json.RawMessage }
	json.NewDecoder(res.Body).Decode(&got)
	res.Body.Close()
	if len(got.Data) != 1 {
		t.Errorf("the ingested claim is not served: %d claims", len(got.Data))
	}

	// two articles read by an older extractor are read again by the next up
	pid, _ := os.ReadFile(filepath.Join(data, "pg", "postmaster.pid"))
	port := strings.Split(string(pid), "\n")[3]
	pw, _ := os.ReadFile(filepath.Join(data, "pg.password"))
	conn, err := pgx.Connect(context.Background(), "postgres://postgres:"+strings.TrimSpace(string(pw))+"@127.0.0.1:"+port+"/kursk?sslmode=disable")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(context.Background(), `UPDATE articles SET extractor_version = 1
		WHERE id IN (SELECT DISTINCT article_id FROM claims ORDER BY article_id LIMIT 2)`); err != nil {
		t.Fatal(err)
	}
	conn.Close(context.Background())

	// SIGTERM: a clean exit that stops the cluster it started
	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("up did not exit cleanly: %v", err)
	}
	if _, err := os.Stat(filepath.Join(data, "pg", "postmaster.pid")); !os.IsNotExist(err) {
		t.Error("the private cluster is still running after up stopped")
	}

	// a second up reuses the cluster and its data
	cmd2, _, printed2 := startUp(t, bin, data)
	if !strings.Contains(printed2.String(), "database holds 34 articles") {
		t.Errorf("second up should find the data:\n%s", printed2)
	}
	if !strings.Contains(printed2.String(), "re-reading 2 articles") {
		t.Errorf("second up should read the older extractor's articles again:\n%s", printed2)
	}
	cmd2.Process.Signal(syscall.SIGINT)
	if err := cmd2.Wait(); err != nil {
		t.Fatalf("second up did not exit cleanly: %v", err)
	}
}

func TestDatabaseDownSaysWhichURL(t *testing.T) {
	bin := kurskBinary(t)
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(os.Environ(), "DATABASE_URL=postgres://kursk:secret@127.0.0.1:1/kursk?connect_timeout=2")
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatal("serve started without a database")
	}
	msg := string(out)
	if !strings.Contains(msg, "127.0.0.1:1") || strings.Contains(msg, "secret") || strings.Contains(msg, "goroutine") || strings.Count(strings.TrimSpace(msg), "\n") > 0 {
		t.Errorf("want one line naming the URL tried, without the password or a trace; got:\n%s", msg)
	}
}

func TestExtractContract(t *testing.T) {
	bin := kurskBinary(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "a.txt")
	os.WriteFile(good, []byte("URL: https://a.test/x\nOutlet: Wire\nPublished: 2025-06-22\nTitle: T\n\nSyrskyi said on Sunday that Ukraine holds about 90 square kilometres.\n"), 0o644)
	missing := filepath.Join(dir, "missing.txt")
	cmd := exec.Command(bin, "extract", good, missing)
	out, err := cmd.Output()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Fatalf("a missing file should make the exit status 1: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 2 {
		t.Fatalf("want one line per file, got %d:\n%s", len(lines), out)
	}
	var first struct {
		File    string `json:"file"`
		Article struct {
			Published string `json:"published"`
			Outlet    string `json:"outlet"`
		} `json:"article"`
		Claims []map[string]any `json:"claims"`
	}
	json.Unmarshal([]byte(lines[0]), &first)
	if first.File != good || first.Article.Published != "2025-06-22" || len(first.Claims) != 1 || first.Claims[0]["claimant"] != "Oleksandr Syrsky" || first.Claims[0]["as_of"] != "2025-06-22" {
		t.Errorf("first line: %s", lines[0])
	}
	var second map[string]any
	json.Unmarshal([]byte(lines[1]), &second)
	if second["error"] == nil || second["file"] != missing {
		t.Errorf("second line: %s", lines[1])
	}
	if claims, ok := second["claims"].([]any); !ok || len(claims) != 0 {
		t.Errorf("an error line has an empty claims list: %s", lines[1])
	}
}

// TestHelpDoesNothing asks every command for help: it prints its usage and exits 0 without
// touching a database (DATABASE_URL points nowhere, so acting would fail).
func TestHelpDoesNothing(t *testing.T) {
	bin := kurskBinary(t)
	for _, args := range [][]string{{"migrate", "down", "-h"}, {"migrate", "status", "--help"}, {"serve", "-h"}, {"worker", "-h"},
		{"up", "-h"}, {"ingest", "-h"}, {"extract", "-h"}, {"feeds", "add", "-h"}, {"feeds", "-h"}, {"jobs", "-h"},
		{"reextract", "--help"}, {"generate", "-h"}} {
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), "DATABASE_URL=postgres://nobody@127.0.0.1:1/none?connect_timeout=1")
		out, err := cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(out), "usage: kursk") {
			t.Errorf("kursk %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
}

func TestFlagsAfterArguments(t *testing.T) {
	bin := kurskBinary(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "a.txt")
	os.WriteFile(file, []byte("Syrskyi said Ukraine holds 90 square kilometres."), 0o644)
	// a flag after the file is still a flag: an unknown one is refused, not taken for a file
	out, err := exec.Command(bin, "extract", file, "--no-such-flag").CombinedOutput()
	if err == nil || !strings.Contains(string(out), "no-such-flag") {
		t.Errorf("extract FILE --no-such-flag: %v\n%s", err, out)
	}
	if got := shortDuration(15 * time.Minute); got != "15m" {
		t.Errorf("shortDuration(15m) = %q", got)
	}
	if got := shortDuration(90 * time.Minute); got != "1h30m" {
		t.Errorf("shortDuration(90m) = %q", got)
	}
}
