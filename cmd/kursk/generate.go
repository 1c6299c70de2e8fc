package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"
)

func init() { dbCommands["generate"] = runGenerate }

func runGenerate(args []string) int {
	fs := flag.NewFlagSet("generate", flag.ContinueOnError)
	n := fs.Int("claims", 100000, "how many synthetic claims to add")
	count := fs.Bool("count", false, "print how many claims are stored, and add none")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "usage: kursk generate [--claims N | --count]\n\nAdds N synthetic claims (with their articles, outlets and claimants) for benchmarks;\n--count prints how many claims are stored.\n")
		fs.PrintDefaults()
	}
	_, code, stop := parseCommand(fs, args)
	if stop {
		return code
	}
	ctx := context.Background()
	db, err := openDatabase(ctx, true)
	if err != nil {
		fmt.Fprintln(os.Stderr, "kursk generate:", err)
		return 1
	}
	defer db.Close()
	if *count {
		stats, err := db.Stats(ctx)
		if err != nil {
			fmt.Fprintln(os.Stderr, "kursk generate:", err)
			return 1
		}
		fmt.Println(stats.Claims)
		return 0
	}
	start := time.Now()
	if err := db.GenerateSynthetic(ctx, *n); err != nil {
		fmt.Fprintln(os.Stderr, "kursk generate:", err)
		return 1
	}
	if err := db.RebuildChips(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "kursk generate:", err)
		return 1
	}
	fmt.Printf("added %d synthetic claims in %s\n", *n, time.Since(start).Round(time.Millisecond))
	return 0
}
