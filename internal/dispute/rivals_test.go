package dispute

import (
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// answer builds an answer of claimant id about Ukraine's area held in Kursk, unless changed.
func answer(id, claimant int64, value float64, qualifier, asOf string) Answer {
	return Answer{ClaimID: id, ClaimantID: claimant, ClaimantName: map[int64]string{1: "Kyiv", 2: "Moscow", 3: "ISW"}[claimant],
		QuestionKey: QuestionKey{Kind: "territory_held", Subject: "UA", PlaceGroup: "kursk", Span: SpanState},
		Value:       value, Qualifier: qualifier, AsOf: day(asOf), KnownFrom: day(asOf)}
}

func TestFind(t *testing.T) {
	count := func(a Answer, since string) Answer {
		a.Kind, a.Subject, a.Span, a.Since = "casualties", "RU", since, day(since)
		return a
	}
	item := func(a Answer, it string) Answer {
		a.Kind, a.Item = "equipment_destroyed", it
		return a
	}
	tests := []struct {
		name    string
		answers []Answer
		want    int
	}{
		{"a day's losses against a total since August is no dispute", []Answer{
			count(answer(1, 1, 230, "exact", "2024-10-02"), "2024-10-02"),
			count(answer(2, 2, 12000, "exact", "2024-10-02"), "2024-08-06")}, 0},
		{"two totals over one period that differ are a dispute", []Answer{
			count(answer(1, 1, 6000, "exact", "2024-10-02"), "2024-08-06"),
			count(answer(2, 2, 12000, "exact", "2024-10-03"), "2024-08-07")}, 1},
		{"tanks and artillery are two questions", []Answer{
			item(answer(1, 1, 211, "exact", "2025-08-06"), "tanks"),
			item(answer(2, 2, 907, "exact", "2025-08-06"), "artillery")}, 0},
		{"compatible hedges are no dispute", []Answer{
			answer(1, 1, 1300, "at_least", "2024-08-20"),
			answer(2, 3, 1294, "exact", "2024-08-21")}, 0},
		{"about 300 against more than 1,000 is a dispute", []Answer{
			answer(1, 1, 300, "approximately", "2024-12-20"),
			answer(2, 2, 1000, "at_least", "2024-12-21")}, 1},
		{"Sunday and Monday claims are rivals", []Answer{
			answer(1, 1, 90, "approximately", "2025-03-09"),
			answer(2, 2, 0, "exact", "2025-03-10")}, 1},
		{"claims more than a week apart are not rivals", []Answer{
			answer(1, 1, 1000, "exact", "2024-09-01"),
			answer(2, 2, 400, "exact", "2024-10-01")}, 0},
		{"one claimant never disputes itself", []Answer{
			answer(1, 1, 1000, "exact", "2024-09-01"),
			answer(2, 1, 400, "exact", "2024-09-02")}, 0},
		{"a count whose period is unstated is compared with nothing", []Answer{
			count(answer(1, 1, 230, "exact", "2024-10-02"), "2024-10-02"),
			func() Answer {
				a := count(answer(2, 2, 12000, "exact", "2024-10-02"), "2024-10-02")
				a.Span, a.Since = SpanUnstated, time.Time{}
				return a
			}()}, 0},
		{"each claimant's latest claim in the window speaks for it", []Answer{
			answer(1, 1, 400, "exact", "2024-09-01"),
			answer(2, 1, 1000, "exact", "2024-09-03"),
			answer(3, 2, 1000, "exact", "2024-09-04")}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Find(tt.answers, Window); len(got) != tt.want {
				t.Errorf("Find gave %d disputes, want %d: %+v", len(got), tt.want, got)
			}
		})
	}
}

func TestIntervalOf(t *testing.T) {
	tests := []struct {
		value     float64
		qualifier string
		lo, hi    float64
	}{
		{1294, "exact", 1293.5, 1294.5},
		{1300, "exact", 1250, 1350},
		{1000, "exact", 950, 1050},
		{300, "approximately", 270, 330},
		{77.7, "exact", 77.65, 77.75},
	}
	for _, tt := range tests {
		got := IntervalOf(tt.value, nil, tt.qualifier)
		if d := got.Lo - tt.lo; d > 1e-6 || d < -1e-6 {
			t.Errorf("IntervalOf(%v, %s).Lo = %v, want %v", tt.value, tt.qualifier, got.Lo, tt.lo)
		}
		if d := got.Hi - tt.hi; d > 1e-6 || d < -1e-6 {
			t.Errorf("IntervalOf(%v, %s).Hi = %v, want %v", tt.value, tt.qualifier, got.Hi, tt.hi)
		}
	}
}

func TestReasons(t *testing.T) {
	has := func(rs []Reason, code string) bool {
		for _, r := range rs {
			if r.Code == code {
				return true
			}
		}
		return false
	}
	t.Run("a square-mile slip is named", func(t *testing.T) {
		ds := Find([]Answer{answer(1, 1, 390, "exact", "2024-08-20"), answer(2, 2, 1010, "exact", "2024-08-20")}, Window)
		if len(ds) != 1 || !has(ds[0].Reasons, UnitSlip) {
			t.Fatalf("want one dispute with %s, got %+v", UnitSlip, ds)
		}
	})
	t.Run("days apart, a bound and an independent assessment are named", func(t *testing.T) {
		moscow := answer(1, 2, 50000, "at_least", "2024-09-01")
		moscow.Subject, moscow.ClaimantSide = "UA", "RU"
		isw := answer(2, 3, 10000, "approximately", "2024-09-04")
		isw.Subject, isw.ClaimantSide = "UA", "other"
		ds := Find([]Answer{moscow, isw}, Window)
		if len(ds) != 1 {
			t.Fatalf("want one dispute, got %+v", ds)
		}
		for _, code := range []string{DatesApart, Hedge, BelligerentVsIndependent} {
			if !has(ds[0].Reasons, code) {
				t.Errorf("reasons %+v lack %s", ds[0].Reasons, code)
			}
		}
	})
}

func TestQuestionKey(t *testing.T) {
	k := QuestionKey{Kind: "killed", Subject: "KP", PlaceGroup: "kursk", Span: "2024-08-06"}
	got, err := ParseQuestionKey(k.String())
	if err != nil || got != k {
		t.Fatalf("ParseQuestionKey(%q) = %+v, %v", k.String(), got, err)
	}
	for _, bad := range []string{"", "killed", "killed.KP.kursk.-.yesterday", "a.b.c.d.e.f"} {
		if _, err := ParseQuestionKey(bad); err == nil {
			t.Errorf("ParseQuestionKey(%q) accepted", bad)
		}
	}
}
