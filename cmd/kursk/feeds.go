package main

import (
	"context"
	"flag"
	"fmt"
	"net/url"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/kursk/kursk/internal/ingest"
)

func init() {
	dbCommands["feeds"] = runFeeds
	dbCommands["jobs"] = runJobs
	dbCommands["reextract"] = runReextract
}

func runFeeds(args []string) int {
	fs := flag.NewFlagSet("feeds", flag.ContinueOnError)
	every := fs.Duration("every", 15*time.Minute, "how often to poll the feed (add)")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), `usage: kursk feeds add URL [--every 15m]
       kursk feeds list

add records an RSS/Atom feed; a worker polls it at its interval (with conditional requests)
and fetches each new item once. list shows the feeds, when they were polled and their last error.
`)
		fs.PrintDefaults()
	}
	args, code, stop := parseCommand(fs, args)
	if stop {
		return code
	}
	if len(args) == 0 {
		fs.Usage()
		return 2
	}
	sub, args := args[0], args[1:]
	ctx := context.Background()
	switch {
	case sub == "add" && len(args) == 1:
		u, err := url.Parse(args[0])
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			fmt.Fprintf(os.Stderr, "kursk feeds: %q is not an http(s) URL\n", args[0])
			return 2
		}
		if *every < time.Minute {
			fmt.Fprintln(os.Stderr, "kursk feeds: --every must be at least 1m")
			return 2
		}
		db, err := openDatabase(ctx, true)
		if err != nil {
			fmt.Fprintln(os.Stderr, "kursk feeds:", err)
			return 1
		}
		defer db.Close()
		u.User = nil // credentials in URLs are never stored or shown
		f, err := db.AddFeed(ctx, u.String(), *every)
		if err != nil {
			fmt.Fprintln(os.Stderr, "kursk feeds:", err)
			return 1
		}
		fmt.Printf("feed %d: %s, polled every %s\n", f.ID, f.URL, shortDuration(f.Every))
	case sub == "list":
		db, err := openDatabase(ctx, true)
		if err != nil {
			fmt.Fprintln(os.Stderr, "kursk feeds:", err)
			return 1
		}
		defer db.Close()
		feeds, err := db.ListFeeds(ctx)
		if err != nil {
			fmt.Fprintln(os.Stderr, "kursk feeds:", err)
			return 1
		}
		w := tabwriter.NewWriter(os.Stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintln(w, "ID\tURL\tEVERY\tLAST POLLED\tNEXT POLL\tLAST ERROR")
		for _, f := range feeds {
			last := "never"
			if f.LastPolledAt != nil {
				last = f.LastPolledAt.Format(time.DateTime)
			}
			fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%s\n", f.ID, f.URL, shortDuration(f.Every), last, f.NextPollAt.Format(time.DateTime), deref(f.LastError))
		}
		w.Flush()
	default:
		fs.Usage()
		return 2
	}
	return 0
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func runJobs(args []string) int {
	fs := flag.NewFlagSet("jobs", flag.ContinueOnError)
	state := fs.String("state", "", "only jobs in this state: available, running, retryable, completed, cancelled, discarded")
	limit := fs.Int("n", 50, "how many jobs to list, newest first")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "usage: kursk jobs [--state S] [-n N]\n\nLists the ingest jobs with their state and last error, and counts per state.\n")
		fs.PrintDefaults()
	}
	args, code, stop := parseCommand(fs, args)
	if stop {
		return code
	}
	ctx := context.Background()
	db, err := openDatabase(ctx, true)
	if err != nil {
		fmt.Fprintln(os.Stderr, "kursk jobs:", err)
		return 1
	}
	defer db.Close()
	counts, err := db.JobCounts(ctx)
	if err != nil {
		fmt.Fprintln(os.Stderr, "kursk jobs:", err)
		return 1
	}
	var parts []string
	for _, s := range []string{"available", "scheduled", "running", "retryable", "completed", "cancelled", "discarded"} {
		parts = append(parts, fmt.Sprintf("%s %d", s, counts[s]))
	}
	fmt.Println(strings.Join(parts, ", "))
	jobs, err := db.ListJobs(ctx, *state, *limit)
	if err != nil {
		fmt.Fprintln(os.Stderr, "kursk jobs:", err)
		return 1
	}
	w := tabwriter.NewWriter(os.Stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tKIND\tSTATE\tATTEMPT\tARGS\tLAST ERROR")
	for _, j := range jobs {
		args := j.Args
		if len(args) > 80 {
			args = args[:80] + "..."
		}
		fmt.Fprintf(w, "%d\t%s\t%s\t%d\t%s\t%s\n", j.ID, j.Kind, j.State, j.Attempt, args, deref(j.LastError))
	}
	w.Flush()
	return 0
}

func runReextract(args []string) int {
	fs := flag.NewFlagSet("reextract", flag.ContinueOnError)
	all := fs.Bool("all", false, "re-extract every article, not only those from an older extractor")
	since := fs.String("since", "", "only articles ingested on or after this date (YYYY-MM-DD)")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), `usage: kursk reextract [--all | --since DATE]

Queues every article whose claims come from an older extractor version (or all of them) for
re-extraction; a worker replaces each article's claims in one transaction.
`)
		fs.PrintDefaults()
	}
	args, code, stop := parseCommand(fs, args)
	if stop {
		return code
	}
	var from time.Time
	if *since != "" {
		var err error
		if from, err = time.Parse("2006-01-02", *since); err != nil {
			fmt.Fprintf(os.Stderr, "kursk reextract: --since %q is not YYYY-MM-DD\n", *since)
			return 2
		}
	}
	ctx := context.Background()
	db, err := openDatabase(ctx, true)
	if err != nil {
		fmt.Fprintln(os.Stderr, "kursk reextract:", err)
		return 1
	}
	defer db.Close()
	q, err := ingest.NewQueue(db.Store, ingest.QueueConfig{})
	if err != nil {
		fmt.Fprintln(os.Stderr, "kursk reextract:", err)
		return 1
	}
	n, err := q.EnqueueReextract(ctx, *all, from)
	if err != nil {
		fmt.Fprintln(os.Stderr, "kursk reextract:", err)
		return 1
	}
	fmt.Printf("queued %d articles for re-extraction; a running worker (kursk up, serve or worker) does them\n", n)
	return 0
}
