// Package article turns inputs into Article values: the plain-text format with its optional
// `Key: value` header (see ../shared/eval/CLAIMS.md). It checks what it is given and says
// exactly what is wrong with a file; it knows nothing of claims or storage.
package article

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// MaxBytes is the largest article body accepted.
const MaxBytes = 10 << 20

// Article is one news article as read from its source.
type Article struct {
	URL       string
	Outlet    string
	Title     string
	Author    string
	Published time.Time // zero when unknown
	Body      string
}

// Errors that callers may want to tell apart.
var (
	ErrEmpty    = errors.New("the body is empty")
	ErrTooLarge = fmt.Errorf("the article is larger than %d MB", MaxBytes>>20)
	ErrNotUTF8  = errors.New("the file is not valid UTF-8 text")
)

var headerKeys = map[string]bool{"url": true, "outlet": true, "published": true, "title": true, "author": true}

var headerLine = regexp.MustCompile(`^([A-Za-z][A-Za-z-]*):[ \t]*(.*)$`)

// ParseText parses the plain-text article format. A file whose first line is not a known
// header line is all body.
func ParseText(data []byte) (Article, error) {
	if len(data) > MaxBytes {
		return Article{}, ErrTooLarge
	}
	if !utf8.Valid(data) {
		return Article{}, ErrNotUTF8
	}
	text := strings.TrimPrefix(string(data), "\ufeff")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	var a Article
	body := text
	if isHeader(firstLine(text)) {
		rest := text
		for n := 1; ; n++ {
			line, after, found := strings.Cut(rest, "\n")
			rest = after
			if strings.TrimSpace(line) == "" {
				body = rest
				break
			}
			if err := a.setHeader(line); err != nil {
				return Article{}, fmt.Errorf("header line %d: %w", n, err)
			}
			if !found {
				body = ""
				break
			}
		}
	}
	a.Body = strings.TrimSpace(body)
	if a.Body == "" {
		return Article{}, ErrEmpty
	}
	return a, nil
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

func isHeader(line string) bool {
	m := headerLine.FindStringSubmatch(line)
	return m != nil && headerKeys[strings.ToLower(m[1])]
}

func (a *Article) setHeader(line string) error {
	m := headerLine.FindStringSubmatch(line)
	if m == nil || !headerKeys[strings.ToLower(m[1])] {
		return fmt.Errorf("%q is not a `Key: value` header (keys: URL, Outlet, Published, Title, Author)", clip(line, 60))
	}
	v := strings.TrimSpace(m[2])
	switch strings.ToLower(m[1]) {
	case "url":
		if v != "" {
			u, err := url.Parse(v)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				return fmt.Errorf("URL %q is not an http(s) address", clip(v, 80))
			}
		}
		a.URL = v
	case "outlet":
		a.Outlet = v
	case "title":
		a.Title = v
	case "author":
		a.Author = v
	case "published":
		if v == "" {
			return nil
		}
		t, err := time.Parse("2006-01-02", v)
		if err != nil {
			return fmt.Errorf("the Published date %q is not written YYYY-MM-DD", clip(v, 40))
		}
		a.Published = t
	}
	return nil
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

var spaceRun = regexp.MustCompile(`\s+`)

// BodyHash is the SHA-256 of the normalised body (whitespace collapsed, lower case), so the same
// text with different line wrapping is the same article.
func BodyHash(body string) [32]byte {
	norm := strings.ToLower(spaceRun.ReplaceAllString(strings.TrimSpace(body), " "))
	return sha256.Sum256([]byte(norm))
}

// trackingParams are query parameters that never change what a page is.
var trackingParams = regexp.MustCompile(`^(utm_.*|fbclid|gclid|mc_cid|mc_eid|ref|ocid|cmpid|s_cid|smid)$`)

// CanonicalURL lower-cases scheme and host, drops the fragment, tracking parameters and a
// trailing slash, and sorts the remaining query, so copies of one link compare equal.
func CanonicalURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return ""
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	u.Fragment = ""
	q := u.Query()
	keys := make([]string, 0, len(q))
	for k := range q {
		if trackingParams.MatchString(strings.ToLower(k)) {
			continue
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var buf bytes.Buffer
	for _, k := range keys {
		for _, v := range q[k] {
			if buf.Len() > 0 {
				buf.WriteByte('&')
			}
			buf.WriteString(url.QueryEscape(k) + "=" + url.QueryEscape(v))
		}
	}
	u.RawQuery = buf.String()
	if len(u.Path) > 1 {
		u.Path = strings.TrimSuffix(u.Path, "/")
	}
	return u.String()
}

// WithoutCredentials drops the user name and password of a URL ("http://user:pass@host/"):
// they are never stored, queued or shown.
func WithoutCredentials(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return raw
	}
	u.User = nil
	return u.String()
}

var (
	urlCredentials = regexp.MustCompile(`(?i)([a-z][a-z0-9+.-]*://)[^/@\s"]+@`)
	resolverAddr   = regexp.MustCompile(`\s+on\s+(\[[0-9a-fA-F:.]+\]|\d{1,3}(\.\d{1,3}){3}):\d+`)
	dialAddr       = regexp.MustCompile(`(dial tcp|read udp|write udp)\s+(\[[0-9a-fA-F:.]+\]|\d{1,3}(\.\d{1,3}){3})(:\d+)?(->\S+)?`)
)

// Redact removes from a text (a job's arguments or error) what must not be shown: credentials
// in URLs, and the addresses of the resolver and sockets a fetch error names.
func Redact(text string) string {
	text = urlCredentials.ReplaceAllString(text, "$1")
	text = resolverAddr.ReplaceAllString(text, "")
	return dialAddr.ReplaceAllString(text, "$1")
}
