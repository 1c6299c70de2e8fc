package main

import (
	"context"
	"flag"
	"fmt"
	"os"
)

func init() { dbCommands["migrate"] = runMigrate }

func runMigrate(args []string) int {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), `usage: kursk migrate [up|down|status]

up (the default) applies every pending migration, down rolls back the last one, status lists
them. Uses DATABASE_URL, or the private cluster in ./.data/pg.
`)
	}
	args, code, stop := parseCommand(fs, args)
	if stop {
		return code
	}
	cmd := "up"
	if len(args) > 0 {
		cmd = args[0]
	}
	if cmd != "up" && cmd != "down" && cmd != "status" {
		fs.Usage()
		return 2
	}
	ctx := context.Background()
	db, err := openDatabase(ctx, false)
	if err != nil {
		fmt.Fprintln(os.Stderr, "kursk migrate:", err)
		return 1
	}
	defer db.Close()
	if err := db.Migrate(ctx, cmd, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "kursk migrate:", err)
		return 1
	}
	return 0
}
