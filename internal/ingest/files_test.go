package ingest

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kursk/kursk/internal/devdb"
	"github.com/kursk/kursk/internal/store"
)

var testURL string

func TestMain(m *testing.M) { os.Exit(devdb.RunTests(m, "ingest", &testURL)) }

func setup(t *testing.T) *store.Store { return setupTB(t) }

func setupTB(t testing.TB) *store.Store {
	t.Helper()
	if testURL == "" {
		t.Skip("no PostgreSQL")
	}
	ctx := context.Background()
	st, err := store.Open(ctx, testURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	if err := st.Migrate(ctx, "up", io.Discard); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Pool.Exec(ctx, "TRUNCATE claims, claimant_aliases, claimants, articles, outlets, feeds, question_chips RESTART IDENTITY CASCADE"); err != nil {
		t.Fatal(err)
	}
	return st
}

func write(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestIngestFilesGoodAndBad(t *testing.T) {
	st := setup(t)
	dir := t.TempDir()
	write(t, dir, "good/a.txt", []byte("Outlet: Kyiv Wire\nPublished: 2025-06-22\n\nOleksandr Syrsky said on Sunday that Ukrainian forces still hold about 90 square kilometres of the Kursk region.\n"))
	write(t, dir, "good/b.txt", []byte("Outlet: Moscow Ledger\nPublished: 2025-06-23\n\nThe Russian Defense Ministry said on Monday that Ukraine controls 0 square kilometres of the Kursk region.\n"))
	write(t, dir, "good/.hidden.txt", []byte("ignored"))
	write(t, dir, "good/notes.md", []byte("ignored"))
	bad := map[string][]byte{
		"bad/header.txt": []byte("Outlet: X\nPublished: yesterday\n\nBody with 5 tanks destroyed."),
		"bad/empty.txt":  []byte("Outlet: X\nTitle: nothing\n\n\n"),
		"bad/latin1.txt": []byte("Outlet: X\n\nKursk \xe9t\xe9 2024: 10 tanks destroyed."),
	}
	for name, data := range bad {
		write(t, dir, name, data)
	}
	big := filepath.Join(dir, "bad/huge.txt")
	f, _ := os.Create(big)
	f.Truncate(50 << 20)
	f.Close()

	files, err := Files([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 6 {
		t.Fatalf("found %d files, want 6: %v", len(files), files)
	}
	var out bytes.Buffer
	sum := IngestFiles(context.Background(), st, files, Reporter(&out, false, false))
	if sum.Created != 2 || sum.Failed != 4 || sum.Duplicates != 0 {
		t.Fatalf("summary %+v, want 2 new and 4 failed\n%s", sum, out.String())
	}
	for _, want := range []string{"header.txt: header line 2: the Published date \"yesterday\" is not written YYYY-MM-DD", "empty.txt: the body is empty", "latin1.txt: the file is not valid UTF-8", "huge.txt: the article is larger than 10 MB (it has 50 MB)"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
	if strings.Count(out.String(), "\n") != 4 {
		t.Errorf("want exactly one line per failed file:\n%s", out.String())
	}
	stats, _ := st.Stats(context.Background())
	if stats.Articles != 2 || stats.Claims != 2 {
		t.Errorf("stored %+v, want 2 articles with 2 claims", stats)
	}

	// again: nothing changes, and it says so
	out.Reset()
	var good []string
	for _, f := range files {
		if strings.Contains(f, "/good/") {
			good = append(good, f)
		}
	}
	sum = IngestFiles(context.Background(), st, good, Reporter(&out, false, true))
	if sum.Created != 0 || sum.Duplicates != 2 {
		t.Fatalf("re-ingest summary %+v", sum)
	}
	if !strings.Contains(out.String(), "already stored as article") {
		t.Errorf("re-ingest should say the articles were already stored:\n%s", out.String())
	}
	after, _ := st.Stats(context.Background())
	if after != stats {
		t.Errorf("re-ingest changed the store: %+v -> %+v", stats, after)
	}
}

func TestFilesMissingPath(t *testing.T) {
	if _, err := Files([]string{filepath.Join(t.TempDir(), "nope")}); err == nil {
		t.Error("a missing path should be an error")
	}
}
