package store

import (
	"context"
	"errors"
	"testing"

	"github.com/kursk/kursk/internal/article"
	"github.com/kursk/kursk/internal/extract"
)

func save(t *testing.T, st *Store, url, published string, claims ...extract.Claim) int64 {
	t.Helper()
	a := article.Article{URL: url, Outlet: "Test Wire " + url, Title: "t", Published: day(published), Body: "body of " + url}
	res, err := st.SaveArticle(context.Background(), a, claims)
	if err != nil {
		t.Fatal(err)
	}
	return res.ArticleID
}

// TestDisputesFollowTheModel stores rival claims and reads the disputes back: like with like
// only, with what a reader could know by a day.
func TestDisputesFollowTheModel(t *testing.T) {
	st := setup(t)
	ctx := context.Background()
	total := claim("casualties", 12000, "Russian Defense Ministry", "2024-10-06")
	total.Since = day("2024-08-06")
	day1 := claim("casualties", 230, "Ukrainian General Staff", "2024-10-06")
	day1.Since = day("2024-10-06")
	save(t, st, "https://a.test/1", "2024-10-06", total)
	save(t, st, "https://a.test/2", "2024-10-06", day1)
	// a Sunday and the next Monday are rivals; the Monday article is published a day later
	held := claim("territory_held", 90, "Oleksandr Syrsky", "2025-03-09")
	held.Qualifier = "approximately"
	none := claim("territory_held", 0, "Russian Defense Ministry", "2025-03-10")
	save(t, st, "https://a.test/3", "2025-03-09", held)
	save(t, st, "https://a.test/4", "2025-03-10", none)
	if err := st.SettleChips(ctx); err != nil {
		t.Fatal(err)
	}
	ds, _, err := st.ListDisputes(ctx, DisputeFilter{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 1 || ds[0].Question.Kind != "territory_held" || ds[0].Low.Value != 0 || ds[0].High.Value != 90 {
		t.Fatalf("want one dispute, 0 against about 90 km²; a day's losses against a total is none: %+v", ds)
	}
	if len(ds[0].Reasons) == 0 || ds[0].Reasons[0].Code != "dates_apart" {
		t.Errorf("reasons %+v, want dates_apart first", ds[0].Reasons)
	}
	// known_by the Sunday: the Monday article was not out yet
	ds, _, err = st.ListDisputes(ctx, DisputeFilter{Limit: 10, KnownBy: day("2025-03-09")})
	if err != nil || len(ds) != 0 {
		t.Errorf("known by the Sunday, a dispute with a Monday article shows: %+v %v", ds, err)
	}
	claims, _, err := st.ListClaims(ctx, ClaimFilter{KnownBy: day("2025-03-09"), Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range claims {
		if c.AsOf != nil && c.AsOf.Equal(day("2025-03-10")) {
			t.Error("known_by keeps a claim published the day after")
		}
	}
	// the track record: the ministry is in one dispute
	id, err := st.ResolveClaimants(ctx, []string{"russian-defense-ministry"})
	if err != nil || len(id) != 1 {
		t.Fatal(id, err)
	}
	recs, err := st.TrackRecords(ctx, id[0])
	if err != nil {
		t.Fatal(err)
	}
	if r := recs[id[0]]; r == nil || r.Claims != 2 || r.Disputed != 1 {
		t.Errorf("track record %+v, want 1 of 2 claims disputed", r)
	}
}

// TestReextractionKeepsIDs: a claim that survives a new extraction keeps its id; one that is
// gone answers with the article it came from.
func TestReextractionKeepsIDs(t *testing.T) {
	st := setup(t)
	ctx := context.Background()
	a := claim("territory_held", 90, "Oleksandr Syrsky", "2025-06-22")
	b := claim("troops", 10000, "Oleksandr Syrsky", "2025-06-22")
	b.SpanStart, b.SpanEnd = 2, 3
	articleID := save(t, st, "https://a.test/x", "2025-06-22", a, b)
	before, _, err := st.ListClaims(ctx, ClaimFilter{ArticleID: articleID, Limit: 10, Sort: "value"})
	if err != nil || len(before) != 2 {
		t.Fatal(before, err)
	}
	var keptID, goneID int64
	for _, c := range before {
		if c.Kind == "territory_held" {
			keptID = c.ID
		} else {
			goneID = c.ID
		}
	}
	c := claim("casualties", 500, "Oleksandr Syrsky", "2025-06-22")
	c.SpanStart, c.SpanEnd = 4, 5
	if err := st.ReplaceClaims(ctx, articleID, []extract.Claim{a, c}); err != nil {
		t.Fatal(err)
	}
	if got, err := st.GetClaim(ctx, keptID); err != nil || got.Kind != "territory_held" {
		t.Errorf("the surviving claim lost its id: %+v %v", got, err)
	}
	var retired *RetiredError
	if _, err := st.GetClaim(ctx, goneID); !errors.As(err, &retired) || retired.ArticleID != articleID {
		t.Errorf("the dropped claim: %v, want a RetiredError naming article %d", err, articleID)
	}
}

// TestExactCopyAddsItsOutlet: the same text from another outlet is not stored twice, and not an
// error: the story is carried by one more outlet.
func TestExactCopyAddsItsOutlet(t *testing.T) {
	st := setup(t)
	ctx := context.Background()
	body := "Syrskyi said on Sunday that Ukrainian forces still hold about 90 square kilometres of the Kursk region."
	first, err := st.SaveArticle(ctx, article.Article{URL: "https://one.test/a", Outlet: "One Wire", Body: body}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, outlet := range []string{"Two Daily", "Three Post", "Two Daily"} {
		res, err := st.SaveArticle(ctx, article.Article{URL: "https://" + outlet + ".test/b", Outlet: outlet, Body: body}, nil)
		if err != nil || res.Created || res.ArticleID != first.ArticleID {
			t.Fatalf("an exact copy from %s: %+v %v", outlet, res, err)
		}
	}
	if n, err := st.CountCopies(ctx, first.ArticleID); err != nil || n != 2 {
		t.Errorf("the story is carried by %d other outlets (%v), want 2", n, err)
	}
}
