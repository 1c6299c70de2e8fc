package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/kursk/kursk/internal/article"
	"github.com/kursk/kursk/internal/extract"
)

// extractResult is one line of `kursk extract`, as ../shared/eval/CLAIMS.md defines it.
type extractResult struct {
	File    string              `json:"file"`
	Article *articleMeta        `json:"article,omitempty"`
	Claims  []extract.ClaimJSON `json:"claims"`
	Error   string              `json:"error,omitempty"`
}

type articleMeta struct {
	Title     *string `json:"title"`
	Outlet    *string `json:"outlet"`
	URL       *string `json:"url"`
	Published *string `json:"published"`
}

func runExtract(args []string) int {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), `usage: kursk extract FILE...

Reads article files (plain text with an optional Key: value header) and prints one JSON line
per file: {"file", "article", "claims"}. Needs no database. A file that cannot be read gives a
line with "error" and the exit status is 1.
`)
	}
	args, code, stop := parseCommand(fs, args)
	if stop {
		return code
	}
	if len(args) == 0 {
		fs.Usage()
		return 2
	}
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	status := 0
	for _, path := range args {
		res := extractFile(path)
		if res.Error != "" {
			status = 1
			fmt.Fprintf(os.Stderr, "kursk extract: %s: %s\n", path, res.Error)
		}
		if err := enc.Encode(res); err != nil {
			fmt.Fprintf(os.Stderr, "kursk extract: write: %v\n", err)
			return 1
		}
	}
	return status
}

func extractFile(path string) extractResult {
	res := extractResult{File: path, Claims: []extract.ClaimJSON{}}
	data, err := os.ReadFile(path)
	if err != nil {
		res.Error = err.Error()
		return res
	}
	// the extractor repairs broken UTF-8 rather than give up on an article
	data = []byte(strings.ToValidUTF8(string(data), "\uFFFD"))
	a, err := article.ParseText(data)
	if err != nil {
		res.Error = err.Error()
		return res
	}
	meta := &articleMeta{Title: nonEmpty(a.Title), Outlet: nonEmpty(a.Outlet), URL: nonEmpty(a.URL)}
	if !a.Published.IsZero() {
		meta.Published = nonEmpty(a.Published.Format("2006-01-02"))
	}
	res.Article = meta
	for _, c := range extract.Extract(extract.Document{Body: a.Body, Published: a.Published, Outlet: a.Outlet}) {
		res.Claims = append(res.Claims, c.JSON())
	}
	return res
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
