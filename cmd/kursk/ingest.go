package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/kursk/kursk/internal/ingest"
)

func init() { dbCommands["ingest"] = runIngest }

func runIngest(args []string) int {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	verbose := fs.Bool("v", false, "print a line for every article, not only for failures")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), `usage: kursk ingest [-v] PATH...

Stores article files (plain text with an optional Key: value header; directories are walked
for *.txt) with their claims, one transaction per article. An article already stored is left
unchanged. A file that cannot be parsed is reported by name and skipped; the exit status is 1
when any failed.
`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer cancel()
	files, err := ingest.Files(fs.Args())
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
	sum := ingest.IngestFiles(ctx, db.Store, files, ingest.Reporter(os.Stderr, isTerminal(os.Stderr), *verbose))
	fmt.Fprintln(os.Stderr, "kursk ingest:", sum)
	if sum.Failed > 0 {
		return 1
	}
	return 0
}
