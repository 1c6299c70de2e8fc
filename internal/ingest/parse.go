package ingest

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	trafilatura "github.com/markusmobius/go-trafilatura"

	"github.com/kursk/kursk/internal/article"
)

// ParsePage turns a fetched page into an article: HTML through go-trafilatura (main text,
// title, author, site name, date), plain text in the header format of CLAIMS.md.
func ParsePage(f *Fetched) (article.Article, error) {
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
	return ParseHTML(f.Body, f.URL)
}

// ParseHTML extracts the article of an HTML page.
func ParseHTML(page []byte, pageURL string) (article.Article, error) {
	u, _ := url.Parse(pageURL)
	res, err := trafilatura.Extract(bytes.NewReader(page), trafilatura.Options{OriginalURL: u, EnableFallback: true, ExcludeComments: true})
	if err != nil {
		return article.Article{}, fmt.Errorf("%w: no article found in the page: %v", ErrPermanent, err)
	}
	body := strings.TrimSpace(res.ContentText)
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
