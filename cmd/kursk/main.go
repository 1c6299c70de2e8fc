// Command kursk tracks what each side claims about the fighting in Russia's Kursk region:
// it ingests articles, extracts attributed numeric claims into PostgreSQL and serves them.
package main

import (
	"fmt"
	"os"
)

const usage = `kursk: attributed, dated claims about the war in the Kursk region, side by side.

usage: kursk COMMAND [flags]

commands:
  up                 start everything: the private PostgreSQL (unless DATABASE_URL is set),
                     migrations, the sample articles on an empty database, and the server
  serve              serve the pages and the JSON API (needs a migrated database)
  migrate [up|down|status]
                     apply, roll back one step, or list the schema migrations
  ingest PATH...     store article files (directories are walked) with their claims
  extract FILE...    print the claims of article files as JSON lines (no database)
  help               this text

environment:
  DATABASE_URL       PostgreSQL URL; unset: the private cluster in ./.data/pg (started on demand)
  KURSK_ADDR         listen address of serve/up (default :8080)
  KURSK_DATA         directory of the private cluster (default ./.data)
  KURSK_API_TOKENS   comma-separated bearer tokens allowed to write through the API (unset: writes off)
  KURSK_SAMPLES      directory of sample articles loaded by up (default ./web/samples)

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
