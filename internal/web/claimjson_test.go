package web

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand"
	"strings"
	"testing"
	"time"

	"github.com/kursk/kursk/internal/store"
)

// tricky strings: escapes, HTML, line separators, invalid UTF-8, non-ASCII.
var trickyStrings = []string{"", "plain", `quote " and \ backslash`, "<b>&amp;</b>", "tab\tnew\nline\rcr",
	"\x00\x01\x1f\x7f", "\b\f", "\u2028\u2029", "bad \xff\xfe utf8", "Сирський, 90 км²", "emoji 🙂", "\xe2\x80", "a\u00a0b"}

func randomString(rng *rand.Rand) string {
	if rng.Intn(3) == 0 {
		return trickyStrings[rng.Intn(len(trickyStrings))]
	}
	var sb strings.Builder
	for n := rng.Intn(40); n > 0; n-- {
		switch rng.Intn(4) {
		case 0:
			sb.WriteByte(byte(rng.Intn(256)))
		case 1:
			sb.WriteRune(rune(rng.Intn(0x3000)))
		default:
			sb.WriteByte(byte('a' + rng.Intn(26)))
		}
	}
	return sb.String()
}

func randomClaim(rng *rand.Rand) store.Claim {
	str := func() *string {
		if rng.Intn(2) == 0 {
			return nil
		}
		s := randomString(rng)
		return &s
	}
	date := func() *time.Time {
		if rng.Intn(3) == 0 {
			return nil
		}
		t := time.Date(rng.Intn(12000)-1000, time.Month(1+rng.Intn(12)), 1+rng.Intn(28), 0, 0, 0, 0, time.UTC)
		return &t
	}
	floats := []float64{0, 1, -1, 90, 1.5, 11000, 1e21, 1e-7, 123456789.125, math.MaxFloat64, 5e-324, 0.000001}
	c := store.Claim{ID: rng.Int63(), ArticleID: rng.Int63n(1e9), Kind: randomString(rng), Value: floats[rng.Intn(len(floats))],
		Qualifier: randomString(rng), Unit: randomString(rng), Subject: str(), Via: str(), AsOf: date(), Place: str(),
		PlaceGroup: randomString(rng), Evidence: randomString(rng), SpanStart: rng.Intn(1 << 20), SpanEnd: rng.Intn(1 << 20),
		ExtractorVersion: rng.Intn(9), ArticleURL: str(), ArticleTitle: randomString(rng), Published: date(), Syndicated: rng.Intn(2) == 0}
	if rng.Intn(2) == 0 {
		v := floats[rng.Intn(len(floats))]
		c.ValueMax = &v
	}
	// a slug names one claimant or outlet, as in the database
	if rng.Intn(3) > 0 {
		c.Claimant = &store.ClaimantRef{Slug: randomString(rng), Name: randomString(rng), Kind: randomString(rng), Side: randomString(rng)}
		if seen := claimantsBySlug[c.Claimant.Slug]; seen != nil {
			c.Claimant = seen
		}
		claimantsBySlug[c.Claimant.Slug] = c.Claimant
	}
	if rng.Intn(3) > 0 {
		c.Outlet = &store.OutletRef{Slug: randomString(rng), Name: randomString(rng), URL: str()}
		if seen := outletsBySlug[c.Outlet.Slug]; seen != nil {
			c.Outlet = seen
		}
		outletsBySlug[c.Outlet.Slug] = c.Outlet
	}
	return c
}

var (
	claimantsBySlug = map[string]*store.ClaimantRef{}
	outletsBySlug   = map[string]*store.OutletRef{}
)

// randomClaimants has the full object of some of the claims' claimants, as claimantsOf gives.
func randomClaimants(rng *rand.Rand, claims ...store.Claim) map[string]*store.Claimant {
	m := map[string]*store.Claimant{}
	for _, c := range claims {
		if c.Claimant == nil || rng.Intn(4) == 0 {
			continue
		}
		full := &store.Claimant{Slug: c.Claimant.Slug, Name: c.Claimant.Name, Kind: c.Claimant.Kind, ClaimCount: rng.Intn(1e6)}
		if rng.Intn(2) == 0 {
			full.Side = &c.Claimant.Side
		}
		if rng.Intn(3) > 0 {
			full.Aliases = []string{}
			for n := rng.Intn(3); n > 0; n-- {
				full.Aliases = append(full.Aliases, randomString(rng))
			}
		}
		m[full.Slug] = full
	}
	return m
}

// runsOfShared makes claims in runs that share their claimant or source reference, as the store
// reads a page of one claimant, and runs that each have their own.
func runsOfShared(rng *rand.Rand, n int) []store.Claim {
	claims := make([]store.Claim, n)
	for i := range claims {
		claims[i] = randomClaim(rng)
		if i > 0 && rng.Intn(4) > 0 {
			claims[i].Claimant = claims[i-1].Claimant
		}
		if i > 0 && rng.Intn(2) > 0 {
			claims[i].Outlet = claims[i-1].Outlet
		}
	}
	return claims
}

func TestClaimJSONMatchesEncodingJSON(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 5000; i++ {
		c := randomClaim(rng)
		cls := randomClaimants(rng, c)
		want, err := json.Marshal(toAPI(c, cls))
		if err != nil {
			t.Fatal(err)
		}
		w := claimWriter{claimants: cls}
		row := store.RowOf(&c)
		if got := w.append(nil, &row); !bytes.Equal(got, want) {
			t.Fatalf("claim %d:\n got %s\nwant %s", i, got, want)
		}
	}
}

func TestFloatJSONMatchesEncodingJSON(t *testing.T) {
	for _, f := range []float64{0, math.Copysign(0, -1), 1e20, 1e21, 123e-9, 1e-6, 9.99e-7, 1.7976931348623157e308, -2.5e-10, 3.0, 1565, -42, 999999999999999, 1e15, -1e15, 12345678, 0.5, -1e14, 4.5e16, 9007199254740993} {
		want, _ := json.Marshal(f)
		if got := appendJSONFloat(nil, f); !bytes.Equal(got, want) {
			t.Errorf("%v: got %s, want %s", f, got, want)
		}
	}
	if got := string(appendJSONFloat(nil, math.Inf(1))); got != "null" {
		t.Errorf("+Inf: got %s, want null", got)
	}
}

func TestClaimListMatchesEncodingJSON(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	cursor := "abc"
	for _, tc := range []struct {
		claims []store.Claim
		next   *string
	}{{[]store.Claim{}, nil}, {[]store.Claim{randomClaim(rng)}, &cursor}, {[]store.Claim{randomClaim(rng), randomClaim(rng)}, nil},
		{runsOfShared(rng, 200), &cursor}} {
		cls := randomClaimants(rng, tc.claims...)
		data := make([]apiClaim, len(tc.claims))
		for i, c := range tc.claims {
			data[i] = toAPI(c, cls)
		}
		var want bytes.Buffer
		json.NewEncoder(&want).Encode(list[apiClaim]{Data: data, NextCursor: tc.next})
		page := claimPage{b: []byte(`{"data":[`), cw: claimWriter{claimants: cls}}
		for i := range tc.claims {
			row := store.RowOf(&tc.claims[i])
			if err := page.add(&row); err != nil {
				t.Fatal(err)
			}
		}
		if got := page.end(tc.next); !bytes.Equal(got, want.Bytes()) {
			t.Errorf("got %s\nwant %s", got, want.Bytes())
		}
	}
}

// Every byte at every place of a long plain string, so that each byte is met both in the
// eight-at-a-time scan and after it.
func TestJSONStringMatchesEncodingJSON(t *testing.T) {
	plain := []byte("Syrskyi said troops hold ninety km2 today")
	for c := 0; c < 256; c++ {
		for at := 0; at < len(plain); at++ {
			s := []byte(string(plain))
			s[at] = byte(c)
			for _, str := range []string{string(s), string(s[:at]) + "\u2028é" + string(s[at:])} {
				want, _ := json.Marshal(str)
				if got := appendJSONText(nil, str); !bytes.Equal(got, want) {
					t.Fatalf("%q: got %s, want %s", str, got, want)
				}
			}
		}
	}
}

func TestCursorBodyMatchesEncodingJSON(t *testing.T) {
	day := time.Date(2025, 3, 9, 0, 0, 0, 0, time.UTC)
	for _, c := range []store.Cursor{{ID: 1}, {AsOf: &day, Value: 1.5e-7, ID: 42}, {Value: -3, ID: 1 << 40}} {
		for _, sort := range []string{"as_of", "value"} {
			b := cursorBody{Sort: sort, Value: c.Value, ID: c.ID}
			if c.AsOf != nil {
				b.AsOf = c.AsOf.Format("2006-01-02")
			}
			want, _ := json.Marshal(b)
			if got := appendCursorBody(nil, &c, sort); !bytes.Equal(got, want) {
				t.Errorf("got %s, want %s", got, want)
			}
		}
	}
}
