package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/kursk/kursk/internal/ingest"
)

func init() { dbCommands["ingest"] = runIngest }

func runIngest(args []string) int {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	verbose := fs.Bool("v", false, "print a line for every article, not only for failures")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), `usage: kursk ingest [-v] PATH|URL...

Stores articles with their claims, one transaction per article: files (plain text with an
optional Key: value header; directories are walked for *.txt) and http(s) URLs (fetched now,
HTML read with go-trafilatura). An article already stored is left unchanged. An input that
fails is reported by name and skipped; the exit status is 1 when any failed.
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
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer cancel()
	var paths, urls []string
	for _, a := range args {
		if strings.HasPrefix(a, "http://") || strings.HasPrefix(a, "https://") {
			urls = append(urls, a)
		} else {
			paths = append(paths, a)
		}
	}
	files, err := ingest.Files(paths)
	if err != nil {
		fmt.Fprintln(os.Stderr, "kursk ingest:", err)
		return 1
	}
	db, err := openDatabase(ctx, true)
	if err != nil {
		fmt.Fprintln(os.Stderr, "kursk ingest:", err)
		return 1
	}
	defer db.Close()
	// the weekly questions of all these articles are recomputed together, as they come and
	// once more at the end, rather than after each article
	db.SettleInBackground()
	report := ingest.Reporter(os.Stderr, isTerminal(os.Stderr), *verbose)
	sum := ingest.IngestFiles(ctx, db.Store, files, report)
	if len(urls) > 0 {
		q, err := newQueue(db, 0, nil)
		if err != nil {
			fmt.Fprintln(os.Stderr, "kursk ingest:", err)
			return 1
		}
		sum.Add(ingest.IngestURLs(ctx, q, urls, report))
	}
	if err := db.SettleChips(context.WithoutCancel(ctx)); err != nil {
		fmt.Fprintln(os.Stderr, "kursk ingest: the weekly questions are left to the next writer:", err)
	}
	fmt.Fprintln(os.Stderr, "kursk ingest:", sum)
	if sum.Failed > 0 {
		return 1
	}
	return 0
}
