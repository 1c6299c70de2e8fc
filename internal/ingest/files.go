// Package ingest brings articles in: it reads them (files today), extracts their claims and
// stores each article with its claims in one transaction, reporting what it did per input.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/kursk/kursk/internal/article"
	"github.com/kursk/kursk/internal/extract"
	"github.com/kursk/kursk/internal/store"
)

// Outcome is what happened to one input.
type Outcome struct {
	Path      string
	ArticleID int64
	Created   bool
	Claims    int
	Err       error
}

// Summary totals a run.
type Summary struct {
	Created, Duplicates, Failed, Claims int
	Elapsed                             time.Duration
}

// Add totals another run into this one.
func (s *Summary) Add(o Summary) {
	s.Created += o.Created
	s.Duplicates += o.Duplicates
	s.Failed += o.Failed
	s.Claims += o.Claims
	s.Elapsed += o.Elapsed
}

func (s Summary) String() string {
	return fmt.Sprintf("%d new, %d already stored, %d failed, %d claims, in %s", s.Created, s.Duplicates, s.Failed, s.Claims, s.Elapsed.Round(time.Millisecond))
}

// Files lists the article files under the given paths: files as named, directories walked for
// *.txt files (gold and hidden files skipped), in a stable order.
func Files(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("ingest: %w", err)
		}
		if !st.IsDir() {
			out = append(out, p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := d.Name()
			if d.IsDir() {
				if path != p && strings.HasPrefix(name, ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if strings.HasSuffix(name, ".txt") && !strings.HasPrefix(name, ".") {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("ingest: walk %s: %w", p, err)
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, nil
}

// ReadFile parses one article file, refusing what is too large before reading it.
func ReadFile(path string) (article.Article, error) {
	st, err := os.Stat(path)
	if err != nil {
		return article.Article{}, err
	}
	if st.Size() > article.MaxBytes {
		return article.Article{}, fmt.Errorf("%w (it has %d MB)", article.ErrTooLarge, st.Size()>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return article.Article{}, err
	}
	return article.ParseText(data)
}

// Article extracts the claims of a parsed article and stores both.
func Article(ctx context.Context, st *store.Store, a article.Article) (store.SaveResult, error) {
	claims := extract.Extract(extract.Document{Body: a.Body, Published: a.Published, Outlet: a.Outlet})
	return st.SaveArticle(ctx, a, claims)
}

// Progress receives one outcome at a time.
type Progress func(done, total int, o Outcome)

// IngestFiles stores every file; a file that fails is reported and skipped, the others go on.
func IngestFiles(ctx context.Context, st *store.Store, files []string, progress Progress) Summary {
	return each(ctx, files, progress, func(f string) (store.SaveResult, error) {
		a, err := ReadFile(f)
		if err != nil {
			return store.SaveResult{}, err
		}
		return Article(ctx, st, a)
	})
}

// IngestURLs fetches and stores every URL now (not through the queue), one at a time per host.
func IngestURLs(ctx context.Context, q *Queue, urls []string, progress Progress) Summary {
	return each(ctx, urls, progress, func(u string) (store.SaveResult, error) { return q.StoreURL(ctx, u) })
}

func each(ctx context.Context, inputs []string, progress Progress, store1 func(string) (store.SaveResult, error)) Summary {
	start := time.Now()
	var sum Summary
	for i, f := range inputs {
		if ctx.Err() != nil {
			break
		}
		o := Outcome{Path: f}
		res, err := store1(f)
		o.ArticleID, o.Created, o.Claims = res.ArticleID, res.Created, res.Claims
		o.Err = err
		switch {
		case err != nil:
			sum.Failed++
		case o.Created:
			sum.Created++
			sum.Claims += o.Claims
		default:
			sum.Duplicates++
		}
		if progress != nil {
			progress(i+1, len(inputs), o)
		}
	}
	sum.Elapsed = time.Since(start)
	return sum
}

// Reporter prints one line per failure and per new article, and on a terminal a progress line
// (count, rate, errors) that rewrites itself.
func Reporter(w io.Writer, terminal, verbose bool) Progress {
	start := time.Now()
	failed := 0
	return func(done, total int, o Outcome) {
		if o.Err != nil {
			failed++
			if terminal {
				fmt.Fprint(w, "\r\033[K")
			}
			fmt.Fprintf(w, "%s: %v\n", o.Path, describe(o.Err))
		} else if verbose {
			if terminal {
				fmt.Fprint(w, "\r\033[K")
			}
			if o.Created {
				fmt.Fprintf(w, "%s: stored as article %d with %d claims\n", o.Path, o.ArticleID, o.Claims)
			} else {
				fmt.Fprintf(w, "%s: already stored as article %d, unchanged\n", o.Path, o.ArticleID)
			}
		}
		if terminal && total > 20 {
			rate := float64(done) / time.Since(start).Seconds()
			fmt.Fprintf(w, "\r\033[K%d/%d articles, %.0f/s, %d errors", done, total, rate, failed)
			if done == total {
				fmt.Fprintln(w)
			}
		}
	}
}

func describe(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
