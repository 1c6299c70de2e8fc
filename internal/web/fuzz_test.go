package web

import (
	"errors"
	"net/url"
	"testing"

	"github.com/kursk/kursk/internal/store"
)

// FuzzParseFilter feeds arbitrary query strings to the filter and cursor parsers: they either
// accept the input or refuse it with an inputError (a 400), never anything else, never a panic.
func FuzzParseFilter(f *testing.F) {
	key := []byte("fuzz-key")
	f.Add("kind=troops&claimant=syrskyi&from=2025-01-01&to=2025-02-01&limit=50")
	f.Add("subject=KP&q=%27%3B+DROP+TABLE+claims&min_value=1e309")
	f.Add("cursor=eyJzIjoiYXNfb2YifQ.AAAA&sort=value")
	f.Add("limit=-1&from=2025-13-45&place=moon")
	f.Add("cursor=" + *encodeCursor(nil2cursor(), "as_of", key))
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		filter, _, err := parseFilter(q)
		if err == nil {
			err = parsePage(q, &filter, key)
		}
		var in inputError
		if err != nil && !errors.As(err, &in) {
			t.Fatalf("%q: %v is not an input error", raw, err)
		}
		if err == nil && (filter.Limit < 1 || filter.Limit > 500) {
			t.Fatalf("%q: limit %d accepted", raw, filter.Limit)
		}
	})
}

func nil2cursor() *store.Cursor { return &store.Cursor{ID: 42} }
