package ingest

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/kursk/kursk/internal/store"
)

// A wire story written by the team, long enough for its fingerprint to mean something.
const wireStory = `Ukrainian forces still hold about 90 square kilometres of the Kursk region, commander-in-chief Oleksandr Syrskyi said on Sunday, months after Moscow declared the region retaken.
Syrskyi said that about 10,000 Russian troops were trying to push Ukrainian units out of the area near the border villages of the Hlushkovo district.
The claim contradicts the Russian Defense Ministry, which said in April that the last Ukrainian positions in the region had been cleared and that no Ukrainian soldier remained on Russian soil.
Independent analysts who follow open-source maps say the front line has barely moved in recent weeks, with small groups of infantry fighting over tree lines and farm buildings.
Both sides use drones heavily in the area, and neither allows reporters near the front, which makes the figures hard to check.
The incursion began in August of last year, when Ukrainian units crossed the border near Sudzha and advanced quickly before the Russian counteroffensive pushed them back over the winter.`

func page(title, author, site, date, body string) string {
	var paras strings.Builder
	for _, p := range strings.Split(body, "\n") {
		paras.WriteString("<p>" + p + "</p>\n")
	}
	return fmt.Sprintf(`<!doctype html><html><head><title>%s</title>
<meta name="author" content="%s"><meta property="og:site_name" content="%s">
<meta property="article:published_time" content="%s"><meta property="og:title" content="%s"></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<article><h1>%s</h1>%s</article>
<footer>Share this article. Read more stories. Advertisement.</footer></body></html>`, title, author, site, date, title, title, paras.String())
}

// site is the team's test web site: pages, a feed that grows, and pages that fail.
type site struct {
	*httptest.Server
	hits     sync.Map // path -> *atomic.Int64
	feedSize atomic.Int64
}

func (s *site) hit(path string) int64 {
	v, _ := s.hits.LoadOrStore(path, new(atomic.Int64))
	return v.(*atomic.Int64).Add(1)
}

func (s *site) count(path string) int64 {
	v, ok := s.hits.Load(path)
	if !ok {
		return 0
	}
	return v.(*atomic.Int64).Load()
}

func newSite(t *testing.T) *site {
	s := &site{}
	s.feedSize.Store(2)
	mux := http.NewServeMux()
	mux.HandleFunc("/news/", func(w http.ResponseWriter, r *http.Request) {
		s.hit(r.URL.Path)
		n := strings.TrimPrefix(r.URL.Path, "/news/")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		body := fmt.Sprintf("Story %s. Russia has about %s000 troops in the Kursk region, Syrskyi said on Monday.\n", n, n) + wireStory
		if n == "wire" {
			body = wireStory
		}
		fmt.Fprint(w, page("Story "+n, "Anna Writer", "Borderland Monitor", "2025-06-23", body))
	})
	mux.HandleFunc("/copy", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		// the same wire story, a new headline and a lede of its own
		fmt.Fprint(w, page("Kursk: Syrskyi says Ukraine holds 90 sq km", "Desk", "Other Daily", "2025-06-23", "Our correspondent reports from Kyiv.\n"+wireStory))
	})
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		s.hit("/feed.xml")
		n := s.feedSize.Load()
		etag := fmt.Sprintf(`"v%d"`, n)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Borderland Monitor</title><link>http://x/</link><description>d</description>`)
		for i := int64(1); i <= n; i++ {
			fmt.Fprintf(w, `<item><title>Story %d</title><link>%s/news/%d</link><guid>story-%d</guid></item>`, i, s.URL, i, i)
		}
		fmt.Fprint(w, `</channel></rss>`)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "boom", 500) })
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		chunk := []byte(strings.Repeat("<p>padding</p>", 1000))
		for sent := 0; sent < 50<<20; sent += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/heavy/", func(w http.ResponseWriter, r *http.Request) {
		// just under the fetch limit of markup that is slow to parse: nested, text-rich blocks
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<html><body><article><h1>Heavy page</h1>")
		chunk := strings.Repeat("<div><p>Russian forces hold <b>positions</b> near the border, a soldier said.</p></div>", 200)
		for sent := 0; sent < MaxFetchBytes-len(chunk)-100; sent += len(chunk) {
			if _, err := io.WriteString(w, chunk); err != nil {
				return
			}
		}
		fmt.Fprint(w, "</article></body></html>")
	})
	mux.HandleFunc("/image", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte("\x89PNG"))
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/to-internal", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://10.1.2.3/private", http.StatusFound)
	})
	s.Server = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

func testFetcher(t *testing.T, allow string, timeout time.Duration) *Fetcher {
	al, err := ParseAllowList(allow)
	if err != nil {
		t.Fatal(err)
	}
	f := NewFetcherTimeout(al, timeout)
	f.Politeness = 0
	return f
}

func testQueue(t *testing.T, st *store.Store, workers int, f *Fetcher) *Queue {
	t.Helper()
	q, err := NewQueue(st, QueueConfig{Workers: workers, Fetcher: f, Logger: quiet()})
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(nilWriter{}, nil)) }

type nilWriter struct{}

func (nilWriter) Write(p []byte) (int, error) { return len(p), nil }

func clearJobs(t *testing.T, st *store.Store) {
	if _, err := st.Pool.Exec(context.Background(), "TRUNCATE river_job, feeds, feed_items CASCADE"); err != nil {
		t.Fatal(err)
	}
}

func TestFetchPageToArticle(t *testing.T) {
	st := setup(t)
	clearJobs(t, st)
	s := newSite(t)
	q := testQueue(t, st, 0, testFetcher(t, "127.0.0.1", 2*time.Second))
	res, err := q.StoreURL(context.Background(), s.URL+"/news/7")
	if err != nil {
		t.Fatal(err)
	}
	a, err := st.GetArticle(context.Background(), res.ArticleID)
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Story 7" || a.Author != "Anna Writer" || a.Outlet == nil || a.Outlet.Name != "Borderland Monitor" || a.Published == nil || a.Published.Format("2006-01-02") != "2025-06-23" {
		t.Errorf("metadata: title %q author %q outlet %+v published %v", a.Title, a.Author, a.Outlet, a.Published)
	}
	if strings.Contains(a.Body, "Advertisement") || strings.Contains(a.Body, "Home") {
		t.Errorf("boilerplate kept in the body: %q", a.Body)
	}
	claims, _, _ := st.ListClaims(context.Background(), store.ClaimFilter{ArticleID: a.ID})
	kinds := map[string]bool{}
	for _, c := range claims {
		kinds[c.Kind] = true
	}
	if !kinds["troops"] || !kinds["territory_held"] {
		t.Errorf("claims of the page: %+v", kinds)
	}
}

func TestFetchRefusesInternalAddresses(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	closed := testFetcher(t, "", 2*time.Second)
	if _, err := closed.Fetch(ctx, s.URL+"/news/1", false, "", ""); err == nil || !strings.Contains(err.Error(), "own network") {
		t.Errorf("loopback without an allow-list: %v", err)
	}
	for _, u := range []string{"http://10.0.0.1/", "http://169.254.169.254/latest/meta-data/", "http://[::1]/", "ftp://example.com/x"} {
		if _, err := closed.Fetch(ctx, u, false, "", ""); err == nil {
			t.Errorf("%s was fetched", u)
		}
	}
	open := testFetcher(t, "127.0.0.0/8", 2*time.Second)
	if _, err := open.Fetch(ctx, s.URL+"/news/1", false, "", ""); err != nil {
		t.Errorf("allowed by CIDR: %v", err)
	}
	// allowed host, but a redirect to another internal name is refused
	byHost := testFetcher(t, "127.0.0.1", 2*time.Second)
	if _, err := byHost.Fetch(ctx, s.URL+"/to-internal", false, "", ""); err == nil || !strings.Contains(err.Error(), "own network") {
		t.Errorf("redirect into the host's network: %v", err)
	}
}

// waitCompleted waits until n jobs of a kind have completed; the periodic feeds_due job that
// every worker runs at start is not one of them.
func waitCompleted(t *testing.T, st *store.Store, kind string, n int) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		var done int
		if err := st.Pool.QueryRow(context.Background(), "SELECT count(*) FROM river_job WHERE kind = $1 AND state = 'completed'", kind).Scan(&done); err != nil {
			t.Fatal(err)
		}
		if done >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("only %d of %d %s jobs completed", done, n, kind)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestFailuresRecordedAndRetriedPerPolicy(t *testing.T) {
	st := setup(t)
	clearJobs(t, st)
	s := newSite(t)
	q := testQueue(t, st, 4, testFetcher(t, "127.0.0.1", time.Second))
	ctx := context.Background()
	ids := map[string]int64{}
	for _, p := range []string{"/slow", "/broken", "/huge", "/image", "/loop"} {
		res, err := q.EnqueueURL(ctx, s.URL+p)
		if err != nil {
			t.Fatal(err)
		}
		ids[p] = res.Job.ID
	}
	if err := q.Client.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer q.Client.Stop(ctx)
	want := map[string]struct {
		state rivertype.JobState
		err   string
	}{
		"/slow":   {rivertype.JobStateRetryable, "Timeout"},
		"/broken": {rivertype.JobStateRetryable, "500"},
		"/huge":   {rivertype.JobStateCancelled, "10 MB"},
		"/image":  {rivertype.JobStateCancelled, "image/png"},
		"/loop":   {rivertype.JobStateCancelled, "redirects"},
	}
	deadline := time.Now().Add(30 * time.Second)
	for p, w := range want {
		for {
			job, err := q.Client.JobGet(ctx, ids[p])
			if err != nil {
				t.Fatal(err)
			}
			if job.State == w.state && len(job.Errors) > 0 {
				if !strings.Contains(job.Errors[len(job.Errors)-1].Error, w.err) {
					t.Errorf("%s: error %q, want one mentioning %q", p, job.Errors[len(job.Errors)-1].Error, w.err)
				}
				if w.state == rivertype.JobStateRetryable && job.MaxAttempts != 5 {
					t.Errorf("%s: max attempts %d", p, job.MaxAttempts)
				}
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: state %s errors %v, want %s", p, job.State, job.Errors, w.state)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	// the same URL is not queued twice while its job is pending
	again, err := q.EnqueueURL(ctx, s.URL+"/broken")
	if err != nil || !again.UniqueSkippedAsDuplicate {
		t.Errorf("a queued URL was queued again: %+v %v", again, err)
	}
}

func TestFeedPollsOnlyNewItems(t *testing.T) {
	st := setup(t)
	clearJobs(t, st)
	s := newSite(t)
	ctx := context.Background()
	q := testQueue(t, st, 4, testFetcher(t, "127.0.0.1", 2*time.Second))
	feed, err := st.AddFeed(ctx, s.URL+"/feed.xml", time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Client.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer q.Client.Stop(ctx)
	poll := func() int {
		f, _ := st.GetFeed(ctx, feed.ID)
		n, err := q.PollFeed(ctx, f.ID, f.URL, f.ETag, f.LastModified)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := poll(); n != 2 {
		t.Fatalf("first poll found %d items, want 2", n)
	}
	waitCompleted(t, st, "fetch_url", 2)
	if n := poll(); n != 0 {
		t.Errorf("unchanged feed gave %d new items", n)
	}
	s.feedSize.Store(3)
	if n := poll(); n != 1 {
		t.Errorf("grown feed gave %d new items, want 1", n)
	}
	waitCompleted(t, st, "fetch_url", 3)
	for _, p := range []string{"/news/1", "/news/2", "/news/3"} {
		if n := s.count(p); n != 1 {
			t.Errorf("%s fetched %d times, want once", p, n)
		}
	}
	if n := s.count("/feed.xml"); n != 3 {
		t.Errorf("feed fetched %d times", n)
	}
	f, _ := st.GetFeed(ctx, feed.ID)
	if f.ETag == "" || f.LastPolledAt == nil || !f.NextPollAt.After(time.Now()) {
		t.Errorf("poll not recorded: %+v", f)
	}
}

func TestTwoWorkersDoEachItemOnce(t *testing.T) {
	st := setup(t)
	clearJobs(t, st)
	ctx := context.Background()
	inserter := testQueue(t, st, 0, nil)
	const n = 1000
	params := make([]river.InsertManyParams, n)
	for i := range params {
		params[i] = river.InsertManyParams{Args: PostedArgs{Outlet: "Batch Wire", Published: "2025-03-16",
			Body: fmt.Sprintf("Item %d. Ukrainian forces hold %d square kilometres in the Kursk region, Syrskyi said.", i, 100+i)}}
	}
	if _, err := inserter.Client.InsertMany(ctx, params); err != nil {
		t.Fatal(err)
	}
	a := testQueue(t, st, 8, nil)
	b := testQueue(t, st, 8, nil)
	for _, q := range []*Queue{a, b} {
		if err := q.Client.Start(ctx); err != nil {
			t.Fatal(err)
		}
		defer q.Client.Stop(ctx)
	}
	waitCompleted(t, st, "ingest_posted", n)
	var articles, claims, attempts, over int
	st.Pool.QueryRow(ctx, "SELECT count(*) FROM articles a JOIN outlets o ON o.id = a.outlet_id WHERE o.name = 'Batch Wire'").Scan(&articles)
	st.Pool.QueryRow(ctx, "SELECT count(*) FROM claims c JOIN outlets o ON o.id = c.outlet_id WHERE o.name = 'Batch Wire'").Scan(&claims)
	st.Pool.QueryRow(ctx, "SELECT sum(attempt), count(*) FILTER (WHERE attempt > 1) FROM river_job WHERE kind = 'ingest_posted'").Scan(&attempts, &over)
	if articles != n || claims != n || attempts != n || over != 0 {
		t.Errorf("articles %d, claims %d, attempts %d (%d retried), want %d each and none retried", articles, claims, attempts, over, n)
	}
	var byA, byB int
	st.Pool.QueryRow(ctx, "SELECT count(DISTINCT attempted_by[1]) FROM river_job WHERE kind = 'ingest_posted'").Scan(&byA)
	_ = byB
	if byA < 2 {
		t.Logf("only %d client did the work (both were running)", byA)
	}
}

func TestNearDuplicateIsSyndicated(t *testing.T) {
	st := setup(t)
	clearJobs(t, st)
	s := newSite(t)
	ctx := context.Background()
	q := testQueue(t, st, 0, testFetcher(t, "127.0.0.1", 2*time.Second))
	first, err := q.StoreURL(ctx, s.URL+"/news/wire")
	if err != nil {
		t.Fatal(err)
	}
	second, err := q.StoreURL(ctx, s.URL+"/copy")
	if err != nil {
		t.Fatal(err)
	}
	if !second.Created || second.SyndicatedOf == nil || *second.SyndicatedOf != first.ArticleID {
		t.Fatalf("the copy should be stored, linked to article %d: %+v", first.ArticleID, second)
	}
	claims, _, _ := st.ListClaims(ctx, store.ClaimFilter{ArticleID: second.ArticleID})
	if len(claims) == 0 || !claims[0].Syndicated {
		t.Errorf("the copy's claims are kept and marked as copies: %+v", claims)
	}
	if n, _ := st.CountCopies(ctx, first.ArticleID); n != 1 {
		t.Errorf("the first copy counts %d other outlets", n)
	}
	// the chips count the story's outlets once
	chips, _ := st.Chips(ctx, store.ClaimFilter{Kind: "territory_held", Sources: []string{"borderland-monitor", "other-daily"}}, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	outlets := 0
	for _, c := range chips {
		if c.Value == 90 {
			outlets += c.Outlets
		}
	}
	if outlets != 1 {
		t.Errorf("the story's 90 km² is carried by %d outlets, want 1 (the copy counts once): %+v", outlets, chips)
	}
}

func TestReextractRebuildsOlderClaims(t *testing.T) {
	st := setup(t)
	clearJobs(t, st)
	ctx := context.Background()
	s := newSite(t)
	q := testQueue(t, st, 4, testFetcher(t, "127.0.0.1", 2*time.Second))
	res, err := q.StoreURL(ctx, s.URL+"/news/5")
	if err != nil {
		t.Fatal(err)
	}
	// pretend the claims came from an older extractor, with one of them lost
	st.Pool.Exec(ctx, "UPDATE claims SET extractor_version = 0 WHERE article_id = $1", res.ArticleID)
	st.Pool.Exec(ctx, "UPDATE articles SET extractor_version = 0 WHERE id = $1", res.ArticleID)
	st.Pool.Exec(ctx, "DELETE FROM claims WHERE id = (SELECT min(id) FROM claims WHERE article_id = $1)", res.ArticleID)
	n, err := q.EnqueueReextract(ctx, false, time.Time{})
	if err != nil || n != 1 {
		t.Fatalf("queued %d articles (%v), want the one with old claims", n, err)
	}
	if again, _ := q.EnqueueReextract(ctx, false, time.Time{}); again != 1 {
		t.Logf("queued again: %d (unique jobs keep it to one pending)", again)
	}
	if err := q.Client.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer q.Client.Stop(ctx)
	waitCompleted(t, st, "reextract", 1)
	var old, current int
	st.Pool.QueryRow(ctx, "SELECT count(*) FILTER (WHERE extractor_version = 0), count(*) FILTER (WHERE extractor_version > 0) FROM claims WHERE article_id = $1", res.ArticleID).Scan(&old, &current)
	if old != 0 || current != res.Claims {
		t.Errorf("after re-extraction: %d old claims, %d current, want 0 and %d", old, current, res.Claims)
	}
}

// TestHeavyPagesLeaveWorkersFree fetches pages of 10 MB of markup on every worker slot, then
// posts a small article: it is stored while the heavy pages are still being read or given up.
func TestHeavyPagesLeaveWorkersFree(t *testing.T) {
	st := setup(t)
	clearJobs(t, st)
	ctx := context.Background()
	s := newSite(t)
	q := testQueue(t, st, 2, testFetcher(t, "127.0.0.1", 10*time.Second))
	for i := range 4 {
		if _, err := q.EnqueueURL(ctx, fmt.Sprintf("%s/heavy/%d", s.URL, i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := q.Client.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Client.StopAndCancel(context.Background()) })
	time.Sleep(500 * time.Millisecond) // the heavy pages hold both slots
	body := "Syrskyi said on Monday that Ukrainian forces hold 42 square kilometres near Tetkino."
	res, err := q.EnqueuePosted(ctx, PostedArgs{Outlet: "Small Wire", Published: "2025-06-23", Body: body})
	if err != nil {
		t.Fatal(err)
	}
	// a deadline on waiting, not a measure of speed: before MaxMarkup the wait was minutes
	if state := waitForJob(t, q, res.Job.ID, 45*time.Second); state != "completed" {
		t.Fatalf("the small article is still %s behind the heavy pages", state)
	}
}

// waitForJob waits until a job is completed, or the deadline passes, and gives its last state.
func waitForJob(t *testing.T, q *Queue, id int64, deadline time.Duration) string {
	t.Helper()
	end := time.Now().Add(deadline)
	for {
		st, err := q.JobStatus(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if st.State == "completed" || time.Now().After(end) {
			return st.State
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func TestParseHTMLKeepsParagraphs(t *testing.T) {
	a, err := ParseHTML([]byte(page("Kursk: Russia says 60 settlements retaken", "Desk", "Wire", "2025-03-20",
		"Russia's Defense Ministry said on Monday that its forces had retaken 60 settlements in the Kursk region.\n"+
			"Ukraine's General Staff said its troops still hold positions near Sudzha and repelled 25 <b>attacks</b> over the past day.")), "https://example.org/x")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Body, "retaken\n\nRussia's") && !strings.HasPrefix(a.Body, "Russia's") {
		t.Errorf("the headline is glued to the first sentence:\n%s", a.Body)
	}
	if !strings.Contains(a.Body, "region.\n\nUkraine's") || !strings.Contains(a.Body, "repelled 25 attacks over") {
		t.Errorf("paragraphs or inline spacing are lost:\n%s", a.Body)
	}
}

// TestBigFeedLeavesPostsFree polls a feed of 10,000 new items on one host and then posts an
// article: the poll queues a bounded number of fetches, they wait for the host without holding
// worker slots, and the post is stored at once.
func TestBigFeedLeavesPostsFree(t *testing.T) {
	st := setup(t)
	clearJobs(t, st)
	ctx := context.Background()
	s := newSite(t)
	s.feedSize.Store(10000)
	f := testFetcher(t, "127.0.0.1", 2*time.Second)
	f.Politeness = 2 * time.Second
	q := testQueue(t, st, 2, f)
	feed, err := st.AddFeed(ctx, s.URL+"/feed.xml", time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	n, err := q.PollFeed(ctx, feed.ID, feed.URL, "", "")
	if err != nil || n != MaxItemsPerPoll {
		t.Fatalf("one poll queued %d items (%v), want %d", n, err, MaxItemsPerPoll)
	}
	again, _ := st.GetFeed(ctx, feed.ID)
	if again.ETag != "" || again.NextPollAt.After(time.Now().Add(time.Second)) {
		t.Errorf("a feed with items left should be polled again at once, unconditionally: %+v", again)
	}
	if err := q.Client.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Client.StopAndCancel(context.Background()) })
	time.Sleep(300 * time.Millisecond) // the fetches have the slots and the host
	res, err := q.EnqueuePosted(ctx, PostedArgs{Outlet: "Small Wire", Published: "2025-06-23",
		Body: "Syrskyi said on Monday that Ukrainian forces hold 37 square kilometres near Tetkino."})
	if err != nil {
		t.Fatal(err)
	}
	// a bound on waiting, not a measure of speed; before, hours of backlog
	if state := waitForJob(t, q, res.Job.ID, 20*time.Second); state != "completed" {
		t.Fatalf("the posted article is still %s behind the feed's items", state)
	}
}

func TestCredentialsAreNeverKept(t *testing.T) {
	st := setup(t)
	clearJobs(t, st)
	ctx := context.Background()
	q := testQueue(t, st, 0, testFetcher(t, "127.0.0.1", time.Second))
	if _, err := q.EnqueueURL(ctx, "http://user:secret@example.org/news/1"); err != nil {
		t.Fatal(err)
	}
	jobs, err := st.ListJobs(ctx, "", 10)
	if err != nil {
		t.Fatal(err)
	}
	for _, j := range jobs {
		if strings.Contains(j.Args, "secret") {
			t.Errorf("a job keeps the credentials of its URL: %s", j.Args)
		}
	}
}
