// Command kursk tracks what each side claims about the fighting in Russia's Kursk region:
// it ingests articles, extracts attributed numeric claims into PostgreSQL and serves them.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"time"
)

const usage = `kursk: attributed, dated claims about the war in the Kursk region, side by side.

usage: kursk COMMAND [flags]

commands:
  up                 start everything: the private PostgreSQL (unless DATABASE_URL is set),
                     migrations, the sample articles on an empty database, and the server
  serve              serve the pages and the JSON API, with an embedded ingest worker
                     (the flag --no-worker leaves the queue to separate kursk worker processes)
  worker             work the ingest queue only; run as many as you like
  ingest PATH|URL... store article files (directories are walked) and URLs with their claims
  extract FILE...    print the claims of article files as JSON lines (no database)
  feeds add URL [--every 15m] | feeds list
                     RSS/Atom feeds polled by the worker
  jobs [--state S]   the ingest queue, with each job's last error
  reextract [--all | --since DATE]
                     queue articles whose claims come from an older extractor
  migrate [up|down|status]
                     apply, roll back one step, or list the schema migrations
  generate --claims N
                     add synthetic claims, for benchmarks
  help               this text

environment:
  DATABASE_URL       PostgreSQL URL; unset: the private cluster in ./.data/pg (started on demand)
  KURSK_ADDR         listen address of serve/up (default :8080)
  KURSK_DATA         directory of the private cluster (default ./.data)
  KURSK_API_TOKENS   comma-separated bearer tokens allowed to write through the API (unset: writes off)
  KURSK_RATE_LIMIT   API requests per second per client (default 20; 0: no limit)
  KURSK_TRUSTED_PROXIES
                     addresses or CIDRs of reverse proxies whose X-Forwarded-For names the client
  KURSK_FETCH_ALLOW  hosts or CIDRs of the host's own network that may be fetched (default: none)
  KURSK_WINDOW       the span of one question: week (default) or month
  KURSK_PAGE_CACHE   how long a rendered page is reused (default 5s; 0: never)
  KURSK_CURSOR_KEY   key signing pagination cursors (default: random per process)
  KURSK_JOB_TIMEOUT, KURSK_RESCUE_AFTER
                     job time limit (default 2m) and when a dead worker's job is retried (3m)
  KURSK_LOG          debug logs every request

Run 'kursk COMMAND -h' for the flags of a command.
`

func main() {
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	cmd, args := os.Args[1], os.Args[2:]
	var code int
	switch cmd {
	case "extract":
		code = runExtract(args)
	case "help", "-h", "--help":
		fmt.Print(usage)
	default:
		if run, ok := dbCommands[cmd]; ok {
			code = run(args)
			break
		}
		fmt.Fprintf(os.Stderr, "kursk: unknown command %q\n\n%s", cmd, usage)
		code = 2
	}
	os.Exit(code)
}

// dbCommands are the commands that need the database; filled in by their files.
var dbCommands = map[string]func([]string) int{}

// parseCommand reads a command's flags wherever they stand among its arguments ("feeds add URL
// --every 1m" as well as "feeds add --every 1m URL") and returns the other arguments. -h or
// --help prints the command's usage and stops it with 0, before it does anything; a bad flag
// stops it with 2.
func parseCommand(fs *flag.FlagSet, args []string) (positional []string, code int, stop bool) {
	for _, a := range args {
		if a == "--" {
			break
		}
		if a == "-h" || a == "--help" || a == "-help" {
			fs.SetOutput(os.Stdout)
			fs.Usage()
			return nil, 0, true
		}
	}
	for {
		if err := fs.Parse(args); err != nil {
			return nil, 2, true
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, 0, false
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// shortDuration writes a duration as people write it: 15m, 1h30m, 45s.
func shortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
