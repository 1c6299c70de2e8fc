package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/kursk/kursk/internal/article"
	"github.com/kursk/kursk/internal/devdb"
	"github.com/kursk/kursk/internal/extract"
)

var testURL string

func TestMain(m *testing.M) { os.Exit(devdb.RunTests(m, "store", &testURL)) }

// setup gives a test a migrated, empty schema of its own.
func setup(t *testing.T) *Store {
	t.Helper()
	if testURL == "" {
		t.Skip("no PostgreSQL")
	}
	ctx := context.Background()
	st, err := Open(ctx, testURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	if err := st.Migrate(ctx, "up", io.Discard); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Pool.Exec(ctx, "TRUNCATE claims, claimant_aliases, claimants, articles, outlets, question_chips RESTART IDENTITY CASCADE"); err != nil {
		t.Fatal(err)
	}
	return st
}

func day(s string) time.Time {
	t, _ := time.Parse("2006-01-02", s)
	return t
}

func sample(body string) article.Article {
	return article.Article{URL: "https://example.test/a?utm_source=x", Outlet: "Test Wire", Title: "t", Published: day("2025-03-16"), Body: body}
}

func claim(kind string, value float64, claimant, asOf string) extract.Claim {
	c := extract.Claim{Kind: kind, Value: value, Qualifier: "exact", Unit: extract.UnitOf(kind), Subject: "UA", Claimant: claimant,
		Evidence: "e", SpanStart: 0, SpanEnd: 1, PlaceGroup: "kursk"}
	if cl, ok := extract.LookupClaimant(claimant); ok {
		c.Claimant, c.ClaimantKind, c.ClaimantSide = cl.Name, cl.Kind, cl.Side
	}
	if asOf != "" {
		c.AsOf = day(asOf)
	}
	return c
}

func count(t *testing.T, st *Store, table string) int {
	t.Helper()
	var n int
	if err := st.Pool.QueryRow(context.Background(), "SELECT count(*) FROM "+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestSaveArticleIsIdempotent(t *testing.T) {
	st := setup(t)
	ctx := context.Background()
	a := sample("Ukrainian forces hold about 110 square kilometres.")
	claims := []extract.Claim{claim("territory_held", 110, "Syrskyi", "2025-03-16")}
	first, err := st.SaveArticle(ctx, a, claims)
	if err != nil || !first.Created || first.Claims != 1 {
		t.Fatalf("first save: %+v %v", first, err)
	}
	again, err := st.SaveArticle(ctx, a, claims)
	if err != nil || again.Created || again.ArticleID != first.ArticleID {
		t.Fatalf("second save should change nothing: %+v %v", again, err)
	}
	// the same text re-wrapped, or the same URL without tracking parameters, is the same article
	b := a
	b.Body = "Ukrainian  forces hold about 110\nsquare kilometres."
	b.URL = "https://other.test/x"
	if res, _ := st.SaveArticle(ctx, b, claims); res.Created {
		t.Error("re-wrapped body stored twice")
	}
	c := a
	c.Body = "A different text."
	c.URL = "https://EXAMPLE.test/a"
	if res, _ := st.SaveArticle(ctx, c, claims); res.Created {
		t.Error("same canonical URL stored twice")
	}
	if n := count(t, st, "articles"); n != 1 {
		t.Errorf("articles = %d, want 1", n)
	}
	if n := count(t, st, "claims"); n != 1 {
		t.Errorf("claims = %d, want 1", n)
	}
	cl, err := st.GetClaimant(ctx, "Syrsky")
	if err != nil || cl.Name != "Oleksandr Syrsky" || cl.ClaimCount != 1 {
		t.Errorf("claimant by alias: %+v %v", cl, err)
	}
}

func TestFailedWriteLeavesNothing(t *testing.T) {
	st := setup(t)
	ctx := context.Background()
	good := claim("killed", 100, "Zelensky", "2025-01-14")
	bad := claim("not_a_kind", 5, "Zelensky", "2025-01-14") // violates the CHECK on kind, after the article row went in
	_, err := st.SaveArticle(ctx, sample("North Korea lost 100 soldiers."), []extract.Claim{good, bad})
	if err == nil {
		t.Fatal("a claim with an unknown kind should fail the write")
	}
	for _, table := range []string{"articles", "claims", "outlets", "claimants", "claimant_aliases"} {
		if n := count(t, st, table); n != 0 {
			t.Errorf("%s has %d rows after a failed write, want 0", table, n)
		}
	}
	if _, err := st.SaveArticle(ctx, sample("North Korea lost 100 soldiers."), []extract.Claim{good}); err != nil {
		t.Fatalf("the article should go in once fixed: %v", err)
	}
}

func TestListClaimsFiltersAndPages(t *testing.T) {
	st := setup(t)
	ctx := context.Background()
	for i, c := range []struct {
		kind, who, asOf string
		value           float64
	}{
		{"territory_held", "Syrsky", "2025-03-16", 110},
		{"territory_held", "Russian Defense Ministry", "2025-03-12", 0},
		{"troops", "NIS", "2024-11-05", 11000},
		{"troops", "Zelensky", "2025-03-18", 11000},
		{"killed", "", "2025-01-14", 1000},
	} {
		a := sample(strings.Repeat("x", i+1))
		a.URL = ""
		if _, err := st.SaveArticle(ctx, a, []extract.Claim{claim(c.kind, c.value, c.who, c.asOf)}); err != nil {
			t.Fatal(err)
		}
	}
	got, _, err := st.ListClaims(ctx, ClaimFilter{Kind: "territory_held"})
	if err != nil || len(got) != 2 {
		t.Fatalf("kind filter: %d claims, %v", len(got), err)
	}
	got, _, _ = st.ListClaims(ctx, ClaimFilter{Claimants: []string{"zelenskyy"}})
	if len(got) != 1 || got[0].Claimant.Slug != "volodymyr-zelensky" {
		t.Fatalf("claimant by alias: %+v", got)
	}
	got, _, _ = st.ListClaims(ctx, ClaimFilter{Claimants: []string{"volodymyr-zelensky", "National Intelligence Service"}})
	if len(got) != 2 {
		t.Fatalf("two claimants, by slug and by alias: %d claims, want 2", len(got))
	}
	got, _, _ = st.ListClaims(ctx, ClaimFilter{From: day("2025-01-01"), To: day("2025-03-15")})
	if len(got) != 2 {
		t.Fatalf("date range: %d claims, want 2", len(got))
	}
	got, _, _ = st.ListClaims(ctx, ClaimFilter{Sources: []string{"test-wire"}, MinValue: ptr(500)})
	if len(got) != 3 {
		t.Fatalf("source and min_value: %d claims, want 3", len(got))
	}
	// keyset pages of 2 walk every claim once, newest first
	var seen []int64
	f := ClaimFilter{Limit: 2}
	for {
		page, next, err := st.ListClaims(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range page {
			seen = append(seen, c.ID)
		}
		if next == nil {
			break
		}
		f.After = next
	}
	if len(seen) != 5 {
		t.Fatalf("paging saw %d claims, want 5", len(seen))
	}
	first, _ := st.GetClaim(ctx, seen[0])
	if first.AsOf.Format("2006-01-02") != "2025-03-18" {
		t.Errorf("newest first: got %v", first.AsOf)
	}
}

func ptr(v float64) *float64 { return &v }

func TestChipsAndTrackRecord(t *testing.T) {
	st := setup(t)
	ctx := context.Background()
	st.SaveArticle(ctx, sample("one"), []extract.Claim{claim("territory_held", 110, "Syrsky", "2025-03-16")})
	b := sample("two")
	b.URL, b.Outlet = "https://b.test/", "Other Wire"
	st.SaveArticle(ctx, b, []extract.Claim{claim("territory_held", 0, "Russian Defense Ministry", "2025-03-12")})
	chips, err := st.Chips(ctx, ClaimFilter{}, day("2025-03-01"), day("2025-04-01"))
	if err != nil || len(chips) != 2 {
		t.Fatalf("chips: %+v %v", chips, err)
	}
	if !chips[0].Window.Equal(day("2025-03-10")) {
		t.Errorf("window = %v, want the Monday 2025-03-10", chips[0].Window)
	}
	if err := st.SettleChips(ctx); err != nil {
		t.Fatal(err)
	}
	c, err := st.GetClaimant(ctx, "oleksandr-syrsky")
	if err != nil {
		t.Fatal(err)
	}
	recs, err := st.TrackRecords(ctx, c.ID)
	if r := recs[c.ID]; err != nil || r == nil || r.Claims != 1 || r.Disputed != 1 {
		t.Errorf("track record = %+v %v, want 1 of 1 claims disputed", r, err)
	}
}

func TestAddAliasMergesClaimants(t *testing.T) {
	st := setup(t)
	ctx := context.Background()
	st.SaveArticle(ctx, sample("one"), []extract.Claim{claim("troops", 10, "Gen. Unknown Person", "")})
	b := sample("two")
	b.URL = ""
	st.SaveArticle(ctx, b, []extract.Claim{claim("troops", 12, "Syrsky", "")})
	c, err := st.AddAlias(ctx, "oleksandr-syrsky", "Gen. Unknown Person")
	if err != nil {
		t.Fatal(err)
	}
	if c.ClaimCount != 2 {
		t.Errorf("merged claimant has %d claims, want 2", c.ClaimCount)
	}
	if got, err := st.GetClaimant(ctx, "gen-unknown-person"); err != nil || got.Slug != "oleksandr-syrsky" {
		t.Errorf("the merged spelling should lead to the claimant it was merged into: %+v %v", got, err)
	}
	if n := count(t, st, "claimants"); n != 1 {
		t.Errorf("claimants = %d after the merge, want 1", n)
	}
	if _, err := st.AddAlias(ctx, "nobody", "x"); !errors.Is(err, ErrNotFound) {
		t.Errorf("alias for an unknown claimant: %v", err)
	}
}

func TestMigrationsDownAndUp(t *testing.T) {
	st := setup(t)
	ctx := context.Background()
	if _, err := st.SaveArticle(ctx, sample("kept"), nil); err != nil {
		t.Fatal(err)
	}
	var status strings.Builder
	if err := st.Migrate(ctx, "status", &status); err != nil || !strings.Contains(status.String(), "applied") {
		t.Fatalf("status: %q %v", status.String(), err)
	}
	// up twice is a no-op
	if err := st.Migrate(ctx, "up", io.Discard); err != nil {
		t.Fatal(err)
	}
	if n := count(t, st, "articles"); n != 1 {
		t.Fatalf("articles = %d after a second up", n)
	}
	// all the way down and up again
	for {
		var v int64
		st.Pool.QueryRow(ctx, "SELECT max(version_id) FROM goose_db_version WHERE is_applied").Scan(&v)
		if v == 0 {
			break
		}
		if err := st.Migrate(ctx, "down", io.Discard); err != nil {
			t.Fatal(err)
		}
	}
	var exists bool
	st.Pool.QueryRow(ctx, "SELECT to_regclass('claims') IS NOT NULL").Scan(&exists)
	if exists {
		t.Fatal("claims table still exists after migrating down")
	}
	if err := st.Migrate(ctx, "up", io.Discard); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Pool.Exec(ctx, "SELECT 1 FROM claims LIMIT 1"); err != nil && !errors.Is(err, pgx.ErrNoRows) {
		t.Fatal(err)
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{"Russian Defense Ministry": "russian-defense-ministry", "Zelénsky!": "zelensky", "---": "unknown"} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCountersFollowWrites(t *testing.T) {
	st := setup(t)
	ctx := context.Background()
	res, err := st.SaveArticle(ctx, sample("one"), []extract.Claim{claim("troops", 1, "Syrsky", ""), claim("troops", 2, "Syrsky", ""), claim("killed", 3, "Zelensky", "")})
	if err != nil {
		t.Fatal(err)
	}
	check := func(slug string, want int) {
		t.Helper()
		c, err := st.GetClaimant(ctx, slug)
		if err != nil || c.ClaimCount != want {
			t.Errorf("%s: %d claims (%v), want %d", slug, c.ClaimCount, err, want)
		}
	}
	check("oleksandr-syrsky", 2)
	check("volodymyr-zelensky", 1)
	o, _ := st.GetOutlet(ctx, "test-wire")
	if o.Claims != 3 || o.Articles != 1 {
		t.Errorf("outlet counts %+v", o)
	}
	if err := st.ReplaceClaims(ctx, res.ArticleID, []extract.Claim{claim("troops", 1, "Zelensky", "")}); err != nil {
		t.Fatal(err)
	}
	check("oleksandr-syrsky", 0)
	check("volodymyr-zelensky", 1)
	if _, err := st.AddAlias(ctx, "oleksandr-syrsky", "Zelensky"); err != nil {
		t.Fatal(err)
	}
	check("oleksandr-syrsky", 1)
	stats, _ := st.Stats(ctx)
	if stats.Claims != 1 || stats.Articles != 1 {
		t.Errorf("stats %+v", stats)
	}
}

// The precomputed questions must say what aggregating the claims says, after every kind of write.
func TestPrecomputedChipsMatchClaims(t *testing.T) {
	st := setup(t)
	ctx := context.Background()
	a := sample("one")
	res, _ := st.SaveArticle(ctx, a, []extract.Claim{claim("territory_held", 110, "Syrsky", "2025-03-16"), claim("territory_held", 100, "Syrsky", "2025-03-11"), claim("troops", 5, "", "2025-03-12")})
	b := sample("two")
	b.URL, b.Outlet = "https://b.test/", "Other Wire"
	st.SaveArticle(ctx, b, []extract.Claim{claim("territory_held", 0, "Russian Defense Ministry", "2025-03-12"), claim("territory_held", 120, "Gen. Someone", "2025-03-13")})
	compare := func(step string) {
		t.Helper()
		from, to := day("2025-01-01"), day("2026-01-01")
		pre, err := st.Chips(ctx, ClaimFilter{}, from, to)
		if err != nil {
			t.Fatal(err)
		}
		raw, err := st.Chips(ctx, ClaimFilter{Q: "e"}, from, to) // a text filter takes the raw path; every evidence is "e"
		if err != nil {
			t.Fatal(err)
		}
		if len(pre) != len(raw) {
			t.Fatalf("%s: %d precomputed chips, %d from the claims", step, len(pre), len(raw))
		}
		for i := range pre {
			p, r := pre[i], raw[i]
			same := p.Window.Equal(r.Window) && p.Kind == r.Kind && p.Subject == r.Subject && p.Value == r.Value && p.Claims == r.Claims && p.Outlets == r.Outlets && p.ClaimID == r.ClaimID
			if (p.Claimant == nil) != (r.Claimant == nil) || (p.Claimant != nil && p.Claimant.Slug != r.Claimant.Slug) || !same {
				t.Errorf("%s: chip %d: precomputed %+v, from claims %+v", step, i, p, r)
			}
		}
	}
	compare("after saving")
	if err := st.ReplaceClaims(ctx, res.ArticleID, []extract.Claim{claim("territory_held", 90, "Syrsky", "2025-03-16")}); err != nil {
		t.Fatal(err)
	}
	compare("after re-extraction")
	if _, err := st.AddAlias(ctx, "oleksandr-syrsky", "Gen. Someone"); err != nil {
		t.Fatal(err)
	}
	compare("after merging claimants")
	if err := st.RebuildChips(ctx); err != nil {
		t.Fatal(err)
	}
	compare("after a rebuild")
}

// The API benchmark compares the server with pgbench running the very same statement.
func TestBenchmarkRunsTheAPIStatement(t *testing.T) {
	script, err := os.ReadFile("../../.ci/bench.sh")
	if err != nil {
		t.Fatal(err)
	}
	_, after, _ := strings.Cut(string(script), "cat >\"$SQL\" <<'EOF'\n")
	sql, _, ok := strings.Cut(after, "\nEOF\n")
	if !ok {
		t.Fatal("no statement found in .ci/bench.sh")
	}
	for i, v := range []string{":kind", ":cid", ":from", ":to", ":lim"} {
		sql = strings.Replace(sql, v, "$"+strconv.Itoa(i+1), 1)
	}
	f := ClaimFilter{Kind: "killed", ClaimantIDs: []int64{5}, From: time.Date(2024, 10, 1, 0, 0, 0, 0, time.UTC),
		To: time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC), Limit: 50}
	q, args := f.listQuery()
	if got, want := strings.Join(strings.Fields(q), " "), strings.Join(strings.Fields(strings.TrimSuffix(sql, ";")), " "); got != want {
		t.Errorf("the API sends\n%s\nbut .ci/bench.sh runs\n%s", got, want)
	}
	if len(args) != 5 {
		t.Errorf("%d parameters, want 5: %v", len(args), args)
	}
	if !f.fixedPlan() || !strings.Contains(string(script), "plan_cache_mode=force_generic_plan") {
		t.Error("the benchmark's pgbench must run with the settings of the sessions that run the statement")
	}
}

func TestFixedPlanOnlyWhereOneIndexServes(t *testing.T) {
	one, two, v := []int64{5}, []int64{5, 7}, 10.0
	for _, tc := range []struct {
		f    ClaimFilter
		want bool
	}{
		{ClaimFilter{}, true},
		{ClaimFilter{Kind: "killed", Subject: "KP", Place: "kursk", From: time.Now()}, true},
		{ClaimFilter{Kind: "killed", ClaimantIDs: one}, true},
		{ClaimFilter{ClaimantIDs: one}, false}, // no kind: the claimant's index does not give the order
		{ClaimFilter{Kind: "killed", ClaimantIDs: two}, false},
		{ClaimFilter{Kind: "killed", ClaimantIDs: []int64{}}, false},
		{ClaimFilter{Kind: "killed", Claimants: []string{"syrsky"}}, false},
		{ClaimFilter{Kind: "killed", SourceIDs: one}, false},
		{ClaimFilter{Kind: "killed", Q: "tanks"}, false},
		{ClaimFilter{Kind: "killed", MinValue: &v}, false},
		{ClaimFilter{Kind: "killed", Sort: "value"}, false},
	} {
		if got := tc.f.fixedPlan(); got != tc.want {
			t.Errorf("%+v: fixedPlan %v, want %v", tc.f, got, tc.want)
		}
	}
}

// Rows decoded from their bytes must read as pgx's Scan reads them, NULLs included.
func TestClaimRowsDecodeAsScanned(t *testing.T) {
	st := setup(t)
	ctx := context.Background()
	hi := 120.0
	full := claim("territory_held", 90, "Syrsky", "2025-03-16")
	full.ValueMax, full.Qualifier, full.Via, full.Place, full.Subject = &hi, "range", "Reuters", "Sudzha", ""
	bare := claim("killed", 1.5, "", "")
	bare.PlaceGroup = "elsewhere"
	for i, cs := range [][]extract.Claim{{full, bare}, {claim("troops", 11000, "NIS", "2024-11-05")}} {
		a := sample(strings.Repeat("y", i+1))
		if i == 1 {
			a.URL, a.Outlet, a.Published = "", "", time.Time{}
		}
		if _, err := st.SaveArticle(ctx, a, cs); err != nil {
			t.Fatal(err)
		}
	}
	read := func(scanOnly bool) []Claim {
		q, args := ClaimFilter{Limit: 50}.listQuery()
		probe, cs := &claimScanner{scanOnly: scanOnly}, &claimScanner{}
		var out []Claim
		if err := eachRow(ctx, st.Pool, q, args, probe, func(r *ClaimRow) error {
			out = append(out, cs.claimOf(r))
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if want := map[bool]int{true: -1, false: 1}[scanOnly]; probe.decode != want {
			t.Errorf("scanOnly %v: decode %d, want %d", scanOnly, probe.decode, want)
		}
		return out
	}
	decoded, scanned := read(false), read(true)
	if len(decoded) != 3 {
		t.Fatalf("%d claims, want 3", len(decoded))
	}
	if !reflect.DeepEqual(decoded, scanned) {
		for i := range decoded {
			t.Errorf("decoded %+v\n scanned %+v", decoded[i], scanned[i])
		}
	}

	// rows read from their bytes hold what rows made of the scanned claims hold
	for _, scanOnly := range []bool{false, true} {
		q, args := ClaimFilter{Limit: 50}.listQuery()
		var got []string
		if err := eachRow(ctx, st.Pool, q, args, &claimScanner{scanOnly: scanOnly}, func(r *ClaimRow) error {
			got = append(got, rowString(r))
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		for i := range scanned {
			want := RowOf(&scanned[i])
			if i >= len(got) || got[i] != rowString(&want) {
				t.Errorf("scanOnly %v: row %d\n got %v\nwant %s", scanOnly, i, got, rowString(&want))
			}
		}
	}
}

// rowString spells out a row, nil apart from empty.
func rowString(r *ClaimRow) string {
	b := func(v []byte) string {
		if v == nil {
			return "NULL"
		}
		return fmt.Sprintf("%q", v)
	}
	d := func(t *time.Time) string {
		if t == nil {
			return "NULL"
		}
		return t.Format(time.DateOnly)
	}
	f := func(v *float64) string {
		if v == nil {
			return "NULL"
		}
		return fmt.Sprint(*v)
	}
	return fmt.Sprint(r.ID, r.ArticleID, r.Value, f(r.ValueMax), b(r.Kind), b(r.Qualifier), b(r.Unit), b(r.Subject), b(r.Via),
		b(r.Place), b(r.PlaceGroup), b(r.Evidence), b(r.ClaimantSlug), b(r.ClaimantName), b(r.ClaimantKind), b(r.ClaimantSide),
		b(r.OutletSlug), b(r.OutletName), b(r.OutletURL), b(r.ArticleURL), b(r.ArticleTitle), d(r.AsOf), d(r.Published),
		r.SpanStart, r.SpanEnd, r.ExtractorVersion, r.Syndicated)
}

// Writers that leave their questions to the background settler end with the questions a full
// rebuild computes, whatever order their transactions commit in.
func TestBackgroundSettlingMatchesRebuild(t *testing.T) {
	st := setup(t)
	ctx := context.Background()
	st.SettleInBackground()
	who := []string{"Syrsky", "Russian Defense Ministry", "NIS", "", "Zelensky"}
	var wg sync.WaitGroup
	for w := 0; w < 6; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < 40; i++ {
				a := sample(fmt.Sprintf("writer %d article %d", w, i))
				a.URL, a.Outlet = "", fmt.Sprintf("Wire %d", i%4)
				day := fmt.Sprintf("2025-03-%02d", 1+(w*7+i)%28)
				cs := []extract.Claim{claim("territory_held", float64(80+i%9), who[(w+i)%len(who)], day), claim("killed", float64(100*w+i), who[i%len(who)], day)}
				if _, err := st.SaveArticle(ctx, a, cs); err != nil {
					t.Error(err)
					return
				}
			}
		}(w)
	}
	wg.Wait()
	snapshot := func() []string {
		var out []string
		for pending := true; pending; time.Sleep(10 * time.Millisecond) {
			if err := st.Pool.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM question_chips_pending)").Scan(&pending); err != nil {
				t.Fatal(err)
			}
		}
		rows, err := st.Pool.Query(ctx, "SELECT row(q.*)::text FROM question_chips q ORDER BY 1")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var s string
			rows.Scan(&s)
			out = append(out, s)
		}
		return out
	}
	settled := snapshot()
	if err := st.RebuildChips(ctx); err != nil {
		t.Fatal(err)
	}
	rebuilt := snapshot()
	if len(settled) == 0 || !slices.Equal(settled, rebuilt) {
		t.Errorf("%d questions settled, %d rebuilt; they differ:\n%v\n%v", len(settled), len(rebuilt), settled, rebuilt)
	}
}

// Two transactions that lock two rows in opposite orders deadlock; PostgreSQL fails one, and
// inTx runs it again, so both writes land.
func TestTransactionsRetriedAfterDeadlock(t *testing.T) {
	st := setup(t)
	ctx := context.Background()
	if _, err := st.Pool.Exec(ctx, `DROP TABLE IF EXISTS deadlock_probe; CREATE TABLE deadlock_probe (id int PRIMARY KEY, n int NOT NULL);
		INSERT INTO deadlock_probe VALUES (1, 0), (2, 0)`); err != nil {
		t.Fatal(err)
	}
	var (
		both     sync.WaitGroup // the first attempts hold their first row before taking the second
		attempts atomic.Int32
		wg       sync.WaitGroup
	)
	both.Add(2)
	write := func(first, second int) {
		defer wg.Done()
		tries := 0
		err := st.inTx(ctx, func(tx pgx.Tx) error {
			tries++
			attempts.Add(1)
			if _, err := tx.Exec(ctx, `UPDATE deadlock_probe SET n = n + 1 WHERE id = $1`, first); err != nil {
				return err
			}
			if tries == 1 {
				both.Done()
				both.Wait()
			}
			_, err := tx.Exec(ctx, `UPDATE deadlock_probe SET n = n + 1 WHERE id = $1`, second)
			return err
		})
		if err != nil {
			t.Error(err)
		}
	}
	wg.Add(2)
	go write(1, 2)
	go write(2, 1)
	wg.Wait()
	var n1, n2 int
	st.Pool.QueryRow(ctx, `SELECT (SELECT n FROM deadlock_probe WHERE id = 1), (SELECT n FROM deadlock_probe WHERE id = 2)`).Scan(&n1, &n2)
	if n1 != 2 || n2 != 2 || attempts.Load() < 3 {
		t.Errorf("rows %d and %d, want 2 and 2, after %d attempts (a deadlock makes at least 3)", n1, n2, attempts.Load())
	}
}
