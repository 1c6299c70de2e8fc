package ingest

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzParseHTML(f *testing.F) {
	f.Add([]byte(page("Story", "A", "Site", "2025-06-23", wireStory)), "https://example.test/a")
	f.Add([]byte("<html><body><p>Ukraine holds 90 sq km.</p>"), "https://example.test/b")
	f.Add([]byte("<script>alert(1)</script><p>x"), "javascript:alert(1)")
	f.Add([]byte("\xff\xfe<p>\x00</p>"), "")
	f.Fuzz(func(t *testing.T, data []byte, url string) {
		a, err := ParseHTML(data, url)
		if err != nil {
			return
		}
		if strings.TrimSpace(a.Body) == "" || !utf8.ValidString(a.Body) || len(a.Body) > 10<<20 {
			t.Fatalf("accepted a body that is empty, not UTF-8 or too large: %q", a.Body)
		}
	})
}

func FuzzParseFeed(f *testing.F) {
	f.Add([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><link>https://a.test/1</link><guid>1</guid></item></channel></rss>`))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>x</id><link href="https://a.test/2"/></entry></feed>`))
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","url":"https://a.test/3"}]}`))
	f.Add([]byte("<rss><channel><item><link>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		items, err := ParseFeed(data)
		if err != nil {
			return
		}
		for _, it := range items {
			if it.Key == "" || it.Link == "" {
				t.Fatalf("item without key or link: %+v", it)
			}
		}
	})
}
