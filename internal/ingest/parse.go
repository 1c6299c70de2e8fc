package ingest

import (
	"bytes"
	"context"
	"fmt"
	"golang.org/x/net/html"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	trafilatura "github.com/markusmobius/go-trafilatura"

	"github.com/kursk/kursk/internal/article"
)

// ParsePage turns a fetched page into an article: HTML through go-trafilatura (main text,
// title, author, site name, date), plain text in the header format of CLAIMS.md.
func ParsePage(ctx context.Context, f *Fetched) (article.Article, error) {
	if f.ContentType == "text/plain" {
		a, err := article.ParseText(bytes.ToValidUTF8(f.Body, []byte("\uFFFD")))
		if err != nil {
			return a, fmt.Errorf("%w: %v", ErrPermanent, err)
		}
		if a.URL == "" {
			a.URL = f.URL
		}
		return a, nil
	}
	return parseHTMLWithin(ctx, f.Body, f.URL, ParseTimeLimit)
}

// MaxMarkup is how much of an HTML page is parsed: parse time grows faster than size (0.5, 1
// and 2 MB took 0.95, 2.9 and 8.3 s), and no article needs more; the rest is cut.
const MaxMarkup = 2 << 20

// ParseTimeLimit is how long a page's parse may hold a worker slot; go-trafilatura cannot be
// cancelled, so a parse past it is left to finish on its own and its result dropped.
var ParseTimeLimit = 30 * time.Second

// parseHTMLWithin parses a page cut to MaxMarkup, giving up after limit or when ctx ends.
func parseHTMLWithin(ctx context.Context, page []byte, pageURL string, limit time.Duration) (article.Article, error) {
	if len(page) > MaxMarkup {
		cut := bytes.LastIndexByte(page[:MaxMarkup], '>')
		if cut < 0 {
			cut = MaxMarkup - 1
		}
		page = page[:cut+1]
	}
	type result struct {
		a   article.Article
		err error
	}
	done := make(chan result, 1)
	go func() {
		a, err := ParseHTML(page, pageURL)
		done <- result{a, err}
	}()
	timer := time.NewTimer(limit)
	defer timer.Stop()
	select {
	case r := <-done:
		return r.a, r.err
	case <-timer.C:
		return article.Article{}, fmt.Errorf("%w: the page took over %s to read", ErrPermanent, limit)
	case <-ctx.Done():
		return article.Article{}, ctx.Err()
	}
}

// ParseHTML extracts the article of an HTML page.
func ParseHTML(page []byte, pageURL string) (article.Article, error) {
	u, _ := url.Parse(pageURL)
	res, err := trafilatura.Extract(bytes.NewReader(page), trafilatura.Options{OriginalURL: u, EnableFallback: true, ExcludeComments: true})
	if err != nil {
		return article.Article{}, fmt.Errorf("%w: no article found in the page: %v", ErrPermanent, err)
	}
	body := strings.TrimSpace(blockText(res.ContentNode))
	if body == "" {
		body = strings.TrimSpace(res.ContentText)
	}
	if body == "" {
		return article.Article{}, fmt.Errorf("%w: the page has no article text", ErrPermanent)
	}
	if !utf8.ValidString(body) {
		body = strings.ToValidUTF8(body, "\uFFFD")
	}
	if len(body) > article.MaxBytes {
		return article.Article{}, fmt.Errorf("%w: %v", ErrPermanent, article.ErrTooLarge)
	}
	a := article.Article{URL: pageURL, Title: res.Metadata.Title, Author: res.Metadata.Author, Outlet: res.Metadata.Sitename, Body: body}
	if res.Metadata.URL != "" {
		if cu, err := url.Parse(res.Metadata.URL); err == nil && (cu.Scheme == "http" || cu.Scheme == "https") {
			a.URL = res.Metadata.URL // the page's canonical link
		}
	}
	if a.Outlet == "" && u != nil {
		a.Outlet = strings.TrimPrefix(u.Hostname(), "www.")
	}
	if d := res.Metadata.Date; !d.IsZero() && d.Year() > 1990 {
		a.Published = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
	}
	return a, nil
}

// blocks are the elements that stand on lines of their own: a headline, a paragraph, a list item.
var blocks = map[string]bool{"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "blockquote": true, "tr": true, "section": true, "article": true, "header": true, "ul": true, "ol": true,
	"table": true, "figcaption": true, "pre": true, "dd": true, "dt": true, "head": true, "hr": true}

// blockText writes the text of extracted content with a blank line between blocks, so that a
// headline is not glued to the first sentence and paragraphs stay paragraphs.
func blockText(n *html.Node) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			// inline elements keep the spaces around them: "Russia <b>said</b> 60"
			if strings.TrimLeftFunc(n.Data, unicode.IsSpace) != n.Data {
				b.WriteByte(' ')
			}
			b.WriteString(strings.Join(strings.Fields(n.Data), " "))
			if strings.TrimRightFunc(n.Data, unicode.IsSpace) != n.Data {
				b.WriteByte(' ')
			}
			return
		case n.Type == html.ElementNode && n.Data == "br":
			b.WriteByte('\n')
			return
		}
		block := n.Type == html.ElementNode && blocks[n.Data]
		if block {
			b.WriteString("\n\n")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			b.WriteString("\n\n")
		}
	}
	walk(n)
	lines := strings.Split(b.String(), "\n")
	for i := range lines {
		lines[i] = strings.Join(strings.Fields(lines[i]), " ")
	}
	text := strings.Join(lines, "\n")
	for strings.Contains(text, "\n\n\n") {
		text = strings.ReplaceAll(text, "\n\n\n", "\n\n")
	}
	return text
}
