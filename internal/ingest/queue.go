package ingest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertype"

	"github.com/kursk/kursk/internal/article"
	"github.com/kursk/kursk/internal/extract"
	"github.com/kursk/kursk/internal/store"
)

// FetchArgs fetches a URL and stores its article. Unique by URL while queued or running, so
// one URL is not fetched twice at once.
type FetchArgs struct {
	URL string `json:"url" river:"unique"`
}

func (FetchArgs) Kind() string { return "fetch_url" }

// QueueFetch is the queue of jobs that fetch from the network (pages, feeds); posted articles
// and re-extraction run on River's default queue, so a slow or huge page, or a feed of 10,000
// items, never holds them up.
const QueueFetch = "fetch"

// InsertOpts retries a fetch five times with River's backoff.
func (FetchArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 5, UniqueOpts: pendingUnique(), Queue: QueueFetch}
}

// PostedArgs stores an article sent to the API (or fetches its URL when it came without text).
type PostedArgs struct {
	URL       string `json:"url"`
	Outlet    string `json:"outlet"`
	Title     string `json:"title"`
	Author    string `json:"author"`
	Published string `json:"published"`
	Body      string `json:"body"`
}

func (PostedArgs) Kind() string { return "ingest_posted" }

func (PostedArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{MaxAttempts: 5} }

// FeedArgs polls one feed.
type FeedArgs struct {
	FeedID int64 `json:"feed_id" river:"unique"`
}

func (FeedArgs) Kind() string { return "poll_feed" }

func (FeedArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 3, UniqueOpts: pendingUnique(), Queue: QueueFetch}
}

// FeedsDueArgs queues a poll of every feed whose interval has passed; it runs every minute.
type FeedsDueArgs struct{}

func (FeedsDueArgs) Kind() string { return "feeds_due" }

// ReextractArgs rebuilds an article's claims with the current extractor.
type ReextractArgs struct {
	ArticleID int64 `json:"article_id" river:"unique"`
}

func (ReextractArgs) Kind() string { return "reextract" }

func (ReextractArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 3, UniqueOpts: pendingUnique()}
}

func pendingUnique() river.UniqueOpts {
	return river.UniqueOpts{ByArgs: true, ByState: []rivertype.JobState{
		rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning,
		rivertype.JobStateRetryable, rivertype.JobStateScheduled,
	}}
}

// Queue is the ingest job queue: River over the kursk database.
type Queue struct {
	Client  *river.Client[pgx.Tx]
	store   *store.Store
	fetcher *Fetcher
	log     *slog.Logger
}

// QueueConfig sets up a queue.
type QueueConfig struct {
	Workers int // jobs worked at once by this process; 0: insert only, no worker
	Fetcher *Fetcher
	Logger  *slog.Logger
	// JobTimeout cancels a job that runs longer (default 2 minutes); a job whose worker died is
	// handed to another worker RescueAfter after it started (default 3 minutes).
	JobTimeout  time.Duration
	RescueAfter time.Duration
}

// NewQueue makes the River client; with Workers > 0 it works jobs once started.
func NewQueue(st *store.Store, cfg QueueConfig) (*Queue, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Fetcher == nil {
		cfg.Fetcher = NewFetcher(allowList{})
	}
	q := &Queue{store: st, fetcher: cfg.Fetcher, log: cfg.Logger}
	workers := river.NewWorkers()
	river.AddWorker(workers, &fetchWorker{q: q})
	river.AddWorker(workers, &postedWorker{q: q})
	river.AddWorker(workers, &feedWorker{q: q})
	river.AddWorker(workers, &feedsDueWorker{q: q})
	river.AddWorker(workers, &reextractWorker{q: q})
	if cfg.JobTimeout <= 0 {
		cfg.JobTimeout = 2 * time.Minute
	}
	if cfg.RescueAfter <= cfg.JobTimeout {
		cfg.RescueAfter = cfg.JobTimeout + time.Minute
	}
	// River fetches new jobs at most once per cooldown, so a worker's rate is capped at its slots
	// per cooldown: 8 slots and River's 100 ms default allow 80 jobs a second. An article takes
	// a few milliseconds, so fetch more often; a fetch is one indexed query.
	rc := &river.Config{Workers: workers, Logger: cfg.Logger, JobTimeout: cfg.JobTimeout, RescueStuckJobsAfter: cfg.RescueAfter,
		FetchCooldown: 5 * time.Millisecond}
	if cfg.Workers > 0 {
		st.SettleInBackground() // the weekly questions of many jobs' articles are recomputed at once
		rc.Queues = map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: cfg.Workers}, QueueFetch: {MaxWorkers: cfg.Workers}}
		rc.PeriodicJobs = []*river.PeriodicJob{river.NewPeriodicJob(river.PeriodicInterval(time.Minute),
			func() (river.JobArgs, *river.InsertOpts) { return FeedsDueArgs{}, nil }, &river.PeriodicJobOpts{RunOnStart: true})}
	}
	client, err := river.NewClient(riverpgxv5.New(st.Pool), rc)
	if err != nil {
		return nil, fmt.Errorf("ingest: queue: %w", err)
	}
	q.Client = client
	return q, nil
}

// permanentOrRetry turns a permanent failure into a cancelled job (kept with its error, not
// retried) and leaves the others to River's retries.
func permanentOrRetry(err error) error {
	var busy *HostBusyError
	if errors.As(err, &busy) {
		return river.JobSnooze(busy.Wait)
	}
	if errors.Is(err, ErrPermanent) {
		return river.JobCancel(err)
	}
	return err
}

// output is what a finished job records: the article it stored.
type output struct {
	ArticleID int64 `json:"article_id"`
	Created   bool  `json:"created"`
	Claims    int   `json:"claims"`
}

// StoreURL fetches a URL and stores its article (used by the worker and by `kursk ingest URL`).
func (q *Queue) StoreURL(ctx context.Context, raw string) (store.SaveResult, error) {
	f, err := q.fetcher.Fetch(ctx, raw, false, "", "")
	if err != nil {
		return store.SaveResult{}, err
	}
	a, err := ParsePage(ctx, f)
	if err != nil {
		return store.SaveResult{}, fmt.Errorf("%s: %w", raw, err)
	}
	return Article(ctx, q.store, a)
}

type fetchWorker struct {
	river.WorkerDefaults[FetchArgs]
	q *Queue
}

func (w *fetchWorker) Work(ctx context.Context, job *river.Job[FetchArgs]) error {
	res, err := w.q.StoreURL(WithoutWaiting(ctx), job.Args.URL)
	if err != nil {
		return permanentOrRetry(err)
	}
	return river.RecordOutput(ctx, output{ArticleID: res.ArticleID, Created: res.Created, Claims: res.Claims})
}

type postedWorker struct {
	river.WorkerDefaults[PostedArgs]
	q *Queue
}

func (w *postedWorker) Work(ctx context.Context, job *river.Job[PostedArgs]) error {
	p := job.Args
	var res store.SaveResult
	var err error
	if p.Body == "" {
		res, err = w.q.StoreURL(WithoutWaiting(ctx), p.URL)
	} else {
		a := article.Article{URL: p.URL, Outlet: p.Outlet, Title: p.Title, Author: p.Author, Body: p.Body}
		if p.Published != "" {
			if a.Published, err = time.Parse("2006-01-02", p.Published); err != nil {
				return river.JobCancel(fmt.Errorf("published %q is not YYYY-MM-DD", p.Published))
			}
		}
		res, err = Article(ctx, w.q.store, a)
	}
	if err != nil {
		return permanentOrRetry(err)
	}
	return river.RecordOutput(ctx, output{ArticleID: res.ArticleID, Created: res.Created, Claims: res.Claims})
}

type reextractWorker struct {
	river.WorkerDefaults[ReextractArgs]
	q *Queue
}

func (w *reextractWorker) Work(ctx context.Context, job *river.Job[ReextractArgs]) error {
	a, err := w.q.store.GetArticle(ctx, job.Args.ArticleID)
	if errors.Is(err, store.ErrNotFound) {
		return river.JobCancel(err)
	}
	if err != nil {
		return err
	}
	var pub time.Time
	if a.Published != nil {
		pub = *a.Published
	}
	outlet := ""
	if a.Outlet != nil {
		outlet = a.Outlet.Name
	}
	claims := extract.Extract(extract.Document{Body: a.Body, Published: pub, Outlet: outlet})
	return w.q.store.ReplaceClaims(ctx, a.ID, claims)
}

// EnqueueURL queues a fetch; a URL already queued or being fetched is not queued twice.
func (q *Queue) EnqueueURL(ctx context.Context, raw string) (*rivertype.JobInsertResult, error) {
	return q.Client.Insert(ctx, FetchArgs{URL: article.WithoutCredentials(raw)}, nil)
}

// EnqueuePosted queues an article posted to the API; one without text is fetched from its
// URL on the fetch queue. Credentials in the URL are dropped: they are never stored or shown.
func (q *Queue) EnqueuePosted(ctx context.Context, p PostedArgs) (*rivertype.JobInsertResult, error) {
	p.URL = article.WithoutCredentials(p.URL)
	if p.Body == "" {
		return q.Client.Insert(ctx, p, &river.InsertOpts{Queue: QueueFetch, MaxAttempts: 5})
	}
	return q.Client.Insert(ctx, p, nil)
}

// EnqueueReextract queues a rebuild of the claims of every article extracted by an older
// extractor version (all of them with all set), stored since a date when since is set.
func (q *Queue) EnqueueReextract(ctx context.Context, all bool, since time.Time) (int, error) {
	ids, err := q.store.ArticlesToReextract(ctx, extract.Version, all, since)
	if err != nil {
		return 0, err
	}
	params := make([]river.InsertManyParams, len(ids))
	for i, id := range ids {
		params[i] = river.InsertManyParams{Args: ReextractArgs{ArticleID: id}}
	}
	for start := 0; start < len(params); start += 1000 {
		if _, err := q.Client.InsertMany(ctx, params[start:min(start+1000, len(params))]); err != nil {
			return 0, fmt.Errorf("ingest: queue re-extraction: %w", err)
		}
	}
	return len(ids), nil
}

// JobStatus is what the API tells about a job.
type JobStatus struct {
	ID        int64    `json:"id"`
	State     string   `json:"state"`
	Attempt   int      `json:"attempt"`
	Errors    []string `json:"errors"`
	ArticleID *int64   `json:"article_id"`
	Poll      string   `json:"poll"`
}

// JobStatus looks a job up.
func (q *Queue) JobStatus(ctx context.Context, id int64) (JobStatus, error) {
	job, err := q.Client.JobGet(ctx, id)
	if errors.Is(err, river.ErrNotFound) {
		return JobStatus{}, store.ErrNotFound
	}
	if err != nil {
		return JobStatus{}, err
	}
	st := JobStatus{ID: job.ID, State: string(job.State), Attempt: job.Attempt}
	for _, e := range job.Errors {
		st.Errors = append(st.Errors, article.Redact(e.Error))
	}
	var out output
	if b := job.Output(); len(b) > 0 && json.Unmarshal(b, &out) == nil && out.ArticleID != 0 {
		st.ArticleID = &out.ArticleID
	}
	return st, nil
}
