package web

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand"
	"net/http/httptest"
	"strings"
	"testing"

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

func randomClaim(rng *rand.Rand) apiClaim {
	str := func() *string {
		if rng.Intn(2) == 0 {
			return nil
		}
		s := randomString(rng)
		return &s
	}
	floats := []float64{0, 1, -1, 90, 1.5, 11000, 1e21, 1e-7, 123456789.125, math.MaxFloat64, 5e-324, 0.000001, math.NaN()}
	a := apiClaim{ID: rng.Int63(), Kind: randomString(rng), Value: floats[rng.Intn(len(floats)-1)], Qualifier: randomString(rng),
		Unit: randomString(rng), Subject: str(), Via: str(), AsOf: str(), Place: str(), PlaceGroup: randomString(rng),
		Evidence: randomString(rng), SpanStart: rng.Intn(1 << 20), SpanEnd: rng.Intn(1 << 20), ExtractorVersion: rng.Intn(9),
		Article: apiArticleRef{ID: rng.Int63n(1e9), URL: str(), Title: randomString(rng), Published: str(),
			Syndicated: rng.Intn(2) == 0, Link: randomString(rng)}, Link: randomString(rng)}
	if rng.Intn(2) == 0 {
		v := floats[rng.Intn(len(floats)-1)]
		a.ValueMax = &v
	}
	if rng.Intn(3) > 0 {
		c := &store.Claimant{Slug: randomString(rng), Name: randomString(rng), Kind: randomString(rng), Side: str(), ClaimCount: rng.Intn(1e6)}
		if rng.Intn(3) > 0 {
			c.Aliases = []string{}
			for n := rng.Intn(3); n > 0; n-- {
				c.Aliases = append(c.Aliases, randomString(rng))
			}
		}
		a.Claimant = c
	}
	if rng.Intn(3) > 0 {
		a.Source = &store.OutletRef{Slug: randomString(rng), Name: randomString(rng), URL: str()}
	}
	return a
}

func TestClaimJSONMatchesEncodingJSON(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 5000; i++ {
		a := randomClaim(rng)
		want, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		if got := a.appendJSON(nil); !bytes.Equal(got, want) {
			t.Fatalf("claim %d:\n got %s\nwant %s", i, got, want)
		}
	}
}

func TestFloatJSONMatchesEncodingJSON(t *testing.T) {
	for _, f := range []float64{0, -0.0, 1e20, 1e21, 123e-9, 1e-6, 9.99e-7, 1.7976931348623157e308, -2.5e-10, 3.0} {
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
		data []apiClaim
		next *string
	}{{[]apiClaim{}, nil}, {[]apiClaim{randomClaim(rng)}, &cursor}, {[]apiClaim{randomClaim(rng), randomClaim(rng)}, nil}} {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.Encode(list[apiClaim]{Data: tc.data, NextCursor: tc.next})
		rec := httptest.NewRecorder()
		writeClaimList(rec, tc.data, tc.next)
		if !bytes.Equal(rec.Body.Bytes(), want.Bytes()) {
			t.Errorf("got %s\nwant %s", rec.Body.Bytes(), want.Bytes())
		}
	}
}
