package article

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestParseText(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    Article
		wantErr string
	}{
		{"full header", "URL: https://a.test/x\nOutlet: Kyiv Wire\nPublished: 2025-03-16\nTitle: Pocket shrinks\nAuthor: A. Writer\n\nUkraine holds 110 sq km.\n",
			Article{URL: "https://a.test/x", Outlet: "Kyiv Wire", Published: time.Date(2025, 3, 16, 0, 0, 0, 0, time.UTC), Title: "Pocket shrinks", Author: "A. Writer", Body: "Ukraine holds 110 sq km."}, ""},
		{"no header: all body", "Ukraine holds 110 sq km.\nSecond line: still body.", Article{Body: "Ukraine holds 110 sq km.\nSecond line: still body."}, ""},
		{"a colon line that is no known key is body", "Quote: the general said so.\n\nMore.", Article{Body: "Quote: the general said so.\n\nMore."}, ""},
		{"CRLF and BOM", "\ufeffOutlet: X\r\n\r\nBody text.\r\n", Article{Outlet: "X", Body: "Body text."}, ""},
		{"bad date", "Published: 16/03/2025\n\nBody.", Article{}, "YYYY-MM-DD"},
		{"bad URL", "URL: javascript:alert(1)\n\nBody.", Article{}, "http(s)"},
		{"malformed header line", "Outlet: X\nthis is not a header\n\nBody.", Article{}, "header line 2"},
		{"empty body", "Outlet: X\nTitle: T\n\n   \n", Article{}, "empty"},
		{"header only", "Outlet: X", Article{}, "empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseText([]byte(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one mentioning %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestParseTextRefuses(t *testing.T) {
	if _, err := ParseText([]byte("Outlet: X\n\n\xff\xfe body")); !errors.Is(err, ErrNotUTF8) {
		t.Errorf("non-UTF-8: %v", err)
	}
	if _, err := ParseText(make([]byte, MaxBytes+1)); !errors.Is(err, ErrTooLarge) {
		t.Errorf("too large: %v", err)
	}
}

func TestCanonicalURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://WWW.Example.com/a/?utm_source=x&b=2&a=1#frag": "https://example.com/a?a=1&b=2",
		"http://example.com/": "http://example.com/",
		"not a url":           "",
	} {
		if got := CanonicalURL(in); got != want {
			t.Errorf("CanonicalURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestBodyHashIgnoresWrapping(t *testing.T) {
	if BodyHash("A  b\nc") != BodyHash("a b c") {
		t.Error("whitespace and case should not change the hash")
	}
	if BodyHash("a b c") == BodyHash("a b d") {
		t.Error("different text, same hash")
	}
}

func FuzzParseText(f *testing.F) {
	f.Add([]byte("URL: https://a.test/x\nOutlet: W\nPublished: 2025-03-16\n\nBody 90 sq km."))
	f.Add([]byte("no header at all"))
	f.Add([]byte("Published: 2025-13-40\n\nx"))
	f.Add([]byte("\ufeffTitle: \xff\n\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := ParseText(data)
		if err != nil {
			return
		}
		if strings.TrimSpace(a.Body) == "" || a.Body != strings.TrimSpace(a.Body) {
			t.Fatalf("accepted an article with body %q", a.Body)
		}
		if !strings.Contains(string(data), a.Body) && !strings.Contains(strings.ReplaceAll(string(data), "\r\n", "\n"), a.Body) {
			t.Fatalf("body %q is not from the input", a.Body)
		}
	})
}

func TestRedact(t *testing.T) {
	for in, want := range map[string]string{
		"fetch http://user:pass@example.org/a: dial tcp 10.0.0.5:80: connect: refused": "fetch http://example.org/a: dial tcp: connect: refused",
		"lookup example.invalid on 127.0.0.53:53: no such host":                        "lookup example.invalid: no such host",
		`{"url":"https://a:b@x.org/feed"}`:                                             `{"url":"https://x.org/feed"}`,
	} {
		if got := Redact(in); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
	if got := WithoutCredentials("https://u:p@x.org/a?b=1"); got != "https://x.org/a?b=1" {
		t.Errorf("WithoutCredentials = %q", got)
	}
}
