package dispute

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
)

// Window is how far apart in days two states may be dated and still answer one question at
// about the same time. PeriodSlack is how far apart the ends of two periods may lie.
const (
	Window      = 7
	PeriodSlack = 3
)

// Spans of a question besides a period's first day (YYYY-MM-DD).
const (
	SpanState    = "state"    // a value at a moment: an area held, troops deployed
	SpanUnstated = "unstated" // a count whose period the text does not tell: compared with nothing
)

// stateKinds are numbers that hold at a moment; other kinds count over a period.
var stateKinds = map[string]bool{"territory_held": true, "troops": true, "settlements": true}

// SpanOf is the span of a claim: the first day of its period, "state" for a number that holds at
// a moment, "unstated" for a count whose period is not told.
func SpanOf(kind string, since time.Time) string {
	switch {
	case !since.IsZero():
		return since.Format("2006-01-02")
	case stateKinds[kind]:
		return SpanState
	}
	return SpanUnstated
}

// Answer is one claim as the dispute logic reads it.
type Answer struct {
	ClaimID      int64
	ClaimantID   int64 // 0: the outlets' own voice
	ClaimantName string
	ClaimantSide string // UA, RU, KP, other or ""
	QuestionKey
	Since     time.Time // zero for a state
	AsOf      time.Time
	Value     float64
	ValueMax  *float64
	Qualifier string
	Via       string
	Place     string
	KnownFrom time.Time // the day its article could first be read
}

// QuestionKey is what a number answers: a kind, about a side, at a place group, counting an
// item, over a span ("state", "unstated" or the period's first day).
type QuestionKey struct {
	Kind       string `json:"kind"`
	Subject    string `json:"subject"`
	PlaceGroup string `json:"place_group"`
	Item       string `json:"item"`
	Span       string `json:"span"`
}

// String is the key as it stands in URLs: "killed.KP.kursk.-.2024-08-06" ("-" for an empty part).
func (k QuestionKey) String() string {
	part := func(s string) string {
		if s == "" {
			return "-"
		}
		return s
	}
	return strings.Join([]string{k.Kind, part(k.Subject), k.PlaceGroup, part(k.Item), k.Span}, ".")
}

// ParseQuestionKey reads a key written by String.
func ParseQuestionKey(s string) (QuestionKey, error) {
	p := strings.Split(s, ".")
	if len(p) != 5 || p[0] == "" || p[2] == "" || p[4] == "" {
		return QuestionKey{}, fmt.Errorf("dispute: question key %q: want kind.subject.place.item.span", s)
	}
	for i := range p {
		if p[i] == "-" {
			p[i] = ""
		}
	}
	if p[4] != SpanState && p[4] != SpanUnstated {
		if _, err := time.Parse("2006-01-02", p[4]); err != nil {
			return QuestionKey{}, fmt.Errorf("dispute: question key %q: span is state, unstated or a date", s)
		}
	}
	return QuestionKey{Kind: p[0], Subject: p[1], PlaceGroup: p[2], Item: p[3], Span: p[4]}, nil
}

// Periodic reports a question about a count over a known period.
func (k QuestionKey) Periodic() bool { return k.Span != SpanState && k.Span != SpanUnstated }

// Family is a question without its period's day: the answers compared with each other.
func (k QuestionKey) Family() QuestionKey {
	if k.Periodic() {
		k.Span = "period"
	}
	return k
}

// Interval is the range of values a claim allows.
type Interval struct{ Lo, Hi float64 }

// Overlaps reports two intervals with a value in common.
func (a Interval) Overlaps(b Interval) bool { return a.Lo <= b.Hi && b.Lo <= a.Hi }

// Approximately is how far "about" reaches either side of a value.
const Approximately = 0.10

// IntervalOf is what a value and its hedge allow: an exact value within its rounding ("1,300"
// may be 1,250 to 1,350; "1,294" is 1,294), "about" 10% either way, "at least" up from it, "at
// most" up to it, a range from its low to its high end.
func IntervalOf(value float64, valueMax *float64, qualifier string) Interval {
	lo, hi := value-rounding(value), value+rounding(value)
	switch qualifier {
	case "approximately":
		lo, hi = math.Min(lo, value*(1-Approximately)), math.Max(hi, value*(1+Approximately))
	case "at_least":
		hi = math.Inf(1)
	case "at_most":
		lo = 0
	case "range":
		if valueMax != nil {
			hi = *valueMax + rounding(*valueMax)
		}
	}
	return Interval{math.Max(lo, 0), hi}
}

// rounding is half the place of a value's last non-zero digit (1,300: 50; 1,294: 0.5; 77.7:
// 0.05), and at most 5% of it: "1,000" is a round figure, not "anything from 500".
func rounding(v float64) float64 {
	if v <= 0 {
		return 0
	}
	if v != math.Trunc(v) {
		if math.Abs(v*10-math.Round(v*10)) < 1e-6 {
			return 0.05
		}
		return 0.005
	}
	place := 1.0
	for math.Mod(v, place*10) == 0 {
		place *= 10
	}
	return math.Min(place/2, 0.05*v)
}

// Dispute is two claimants' answers to one question that cannot both be true.
type Dispute struct {
	Question  QuestionKey
	Low, High Answer
	// LowEdge is the top of the lower answer's interval, HighEdge the bottom of the higher one's.
	LowEdge, HighEdge float64
	Reasons           []Reason
}

// Spread is the gap between the two answers as a share of the higher one.
func (d Dispute) Spread() float64 {
	if d.HighEdge == 0 {
		return 0
	}
	return (d.HighEdge - d.LowEdge) / d.HighEdge
}

// AsOf is the later of the two answers' dates.
func (d Dispute) AsOf() time.Time {
	if d.High.AsOf.After(d.Low.AsOf) {
		return d.High.AsOf
	}
	return d.Low.AsOf
}

// KnownFrom is the first day both answers could be read.
func (d Dispute) KnownFrom() time.Time {
	if d.High.KnownFrom.After(d.Low.KnownFrom) {
		return d.High.KnownFrom
	}
	return d.Low.KnownFrom
}

// Rivals reports two answers that answer one question at about the same time: states dated
// within window days of each other, counts whose periods start and end within PeriodSlack days.
// A count whose period is not stated has no rival.
func Rivals(a, b Answer, window int) bool {
	if a.Family() != b.Family() || a.Span == SpanUnstated || a.ClaimantID == b.ClaimantID {
		return false
	}
	if a.Periodic() {
		return daysApart(a.Since, b.Since) <= PeriodSlack && daysApart(a.AsOf, b.AsOf) <= PeriodSlack
	}
	return daysApart(a.AsOf, b.AsOf) <= window
}

func daysApart(a, b time.Time) int {
	d := int(math.Round(a.Sub(b).Hours() / 24))
	if d < 0 {
		return -d
	}
	return d
}

// Find returns the disputes among answers of one family: for each answer, the latest answer of
// every other claimant at or before it within the window is its rival; two rivals whose
// intervals do not overlap are a dispute. Answers without a date take no part.
func Find(answers []Answer, window int) []Dispute {
	sorted := make([]Answer, 0, len(answers))
	for _, a := range answers {
		if !a.AsOf.IsZero() && a.Span != SpanUnstated {
			sorted = append(sorted, a)
		}
	}
	sort.Slice(sorted, func(i, j int) bool {
		if !sorted[i].AsOf.Equal(sorted[j].AsOf) {
			return sorted[i].AsOf.Before(sorted[j].AsOf)
		}
		return sorted[i].ClaimID < sorted[j].ClaimID
	})
	claimants := map[int64]bool{}
	for _, a := range sorted {
		claimants[a.ClaimantID] = true
	}
	// one dispute a day per pair of claimants: the one between their latest claims
	type pairDay struct {
		lo, hi int64
		day    time.Time
	}
	var out []Dispute
	index := map[pairDay]int{}
	for i, a := range sorted {
		latest := map[int64]Answer{} // per claimant, its latest rival of a
		for j := i - 1; j >= 0 && len(latest) < len(claimants)-1 && daysApart(a.AsOf, sorted[j].AsOf) <= max(window, PeriodSlack); j-- {
			b := sorted[j]
			if _, ok := latest[b.ClaimantID]; !ok && Rivals(a, b, window) {
				latest[b.ClaimantID] = b
			}
		}
		for _, b := range latest {
			d, ok := judgePair(a, b)
			if !ok {
				continue
			}
			key := pairDay{d.Low.ClaimantID, d.High.ClaimantID, d.AsOf()}
			if k, dup := index[key]; dup {
				out[k] = d // a later claim of the same day speaks for its claimant
				continue
			}
			index[key] = len(out)
			out = append(out, d)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].AsOf().Equal(out[j].AsOf()) {
			return out[i].AsOf().Before(out[j].AsOf())
		}
		return out[i].Low.ClaimID < out[j].Low.ClaimID
	})
	return out
}

// judgePair makes a dispute of two rival answers whose intervals do not overlap.
func judgePair(a, b Answer) (Dispute, bool) {
	ia, ib := IntervalOf(a.Value, a.ValueMax, a.Qualifier), IntervalOf(b.Value, b.ValueMax, b.Qualifier)
	if ia.Overlaps(ib) {
		return Dispute{}, false
	}
	if ia.Lo > ib.Lo {
		a, b, ia, ib = b, a, ib, ia
	}
	d := Dispute{Question: a.QuestionKey, Low: a, High: b, LowEdge: ia.Hi, HighEdge: ib.Lo}
	d.Reasons = Reasons(d)
	return d, true
}
