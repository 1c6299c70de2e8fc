package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/kursk/kursk/internal/ingest"
	"github.com/kursk/kursk/internal/web"
)

func init() { dbCommands["worker"] = runWorker }

// newQueue makes the ingest queue with the fetch allow-list of KURSK_FETCH_ALLOW and the job
// timeouts of KURSK_JOB_TIMEOUT and KURSK_RESCUE_AFTER (durations such as 90s).
func newQueue(db *database, workers int, log *slog.Logger) (*ingest.Queue, error) {
	allow, err := ingest.ParseAllowList(os.Getenv("KURSK_FETCH_ALLOW"))
	if err != nil {
		return nil, err
	}
	cfg := ingest.QueueConfig{Workers: workers, Fetcher: ingest.NewFetcher(allow), Logger: log}
	for name, d := range map[string]*time.Duration{"KURSK_JOB_TIMEOUT": &cfg.JobTimeout, "KURSK_RESCUE_AFTER": &cfg.RescueAfter} {
		if v := os.Getenv(name); v != "" {
			if *d, err = time.ParseDuration(v); err != nil {
				return nil, fmt.Errorf("%s %q is not a duration such as 90s", name, v)
			}
		}
	}
	return ingest.NewQueue(db.Store, cfg)
}

func runWorker(args []string) int {
	fs := flag.NewFlagSet("worker", flag.ContinueOnError)
	n := fs.Int("workers", 8, "jobs worked at once")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), `usage: kursk worker [flags]

Works the ingest queue (fetch URLs, posted articles, feed polls, re-extraction) without
serving HTTP. Run as many as you like against one database: River hands each job to one.
`)
		fs.PrintDefaults()
	}
	args, code, stop := parseCommand(fs, args)
	if stop {
		return code
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer cancel()
	db, err := openDatabase(ctx, true)
	if err != nil {
		fmt.Fprintln(os.Stderr, "kursk worker:", err)
		return 1
	}
	defer db.Close()
	q, err := newQueue(db, *n, log)
	if err != nil {
		fmt.Fprintln(os.Stderr, "kursk worker:", err)
		return 1
	}
	if err := q.Client.Start(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "kursk worker:", err)
		return 1
	}
	fmt.Fprintf(os.Stderr, "kursk worker: working the queue with %d workers\n", *n)
	<-ctx.Done()
	return stopQueue(q)
}

// stopQueue lets running jobs finish (up to 30 s), then cancels what is left.
func stopQueue(q *ingest.Queue) int {
	stopCtx, stop := context.WithTimeout(context.Background(), 30*time.Second)
	defer stop()
	if err := q.Client.Stop(stopCtx); err != nil {
		fmt.Fprintln(os.Stderr, "kursk: queue stop:", err)
		q.Client.StopAndCancel(context.Background())
		return 1
	}
	return 0
}

// queueHooks connect the API's writes and job status to the queue.
func queueHooks(cfg *web.Config, q *ingest.Queue) {
	cfg.Enqueue = func(ctx context.Context, a web.PostedArticle) (web.JobRef, error) {
		res, err := q.EnqueuePosted(ctx, ingest.PostedArgs(a))
		if err != nil {
			return web.JobRef{}, err
		}
		return web.JobRef{ID: res.Job.ID, State: string(res.Job.State), Attempt: res.Job.Attempt}, nil
	}
	cfg.JobStatus = func(ctx context.Context, id int64) (web.JobRef, error) {
		job, err := q.JobStatus(ctx, id)
		if err != nil {
			return web.JobRef{}, err
		}
		return web.JobRef(job), nil
	}
}
